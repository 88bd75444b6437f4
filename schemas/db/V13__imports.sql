-- Bulk imports: one row per import with its progress, so a caller can follow it and a server that
-- stopped in the middle carries on with the rows not yet done.
create table import_run (
    id              uuid          primary key,
    status          varchar(20)   not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    started_by      varchar(64)   not null,
    requested_from  varchar(100),
    source          varchar(10)   not null check (source in ('ZIP', 'FOLDER')),
    location        varchar(2000) not null,
    package_sha256  varchar(64),
    started_at      timestamptz   not null,
    finished_at     timestamptz,
    manifest_read   boolean       not null default false,
    total           integer       not null default 0,
    done            integer       not null default 0,
    imported        integer       not null default 0,
    skipped         integer       not null default 0,
    conflicts       integer       not null default 0,
    failed          integer       not null default 0,
    bytes_read      bigint        not null default 0,
    failure         varchar(2000)
);
create index import_run_running_idx on import_run (started_at) where status = 'RUNNING';

-- The manifest's rows as read when the import began (fields under their English names); outcome
-- stays null until the row is done, and is written in the transaction that files its item.
create table import_row (
    import_id   uuid          not null references import_run (id),
    row_number  integer       not null,
    path        varchar(1000),
    fields      jsonb         not null,
    -- Rows of one dossier share a slot; slots are imported side by side, so no two rows race to open a dossier.
    slot        integer       not null default 0,
    outcome     varchar(20)   check (outcome in ('IMPORTED', 'SKIPPED_DUPLICATE', 'CONFLICT', 'FAILED')),
    dossier_id  uuid,
    item_id     uuid,
    primary key (import_id, row_number)
);
create index import_row_pending_idx on import_row (import_id, slot, row_number) where outcome is null;

-- Rows that failed or conflict, and problems of the package itself (row_number null), in both languages.
create table import_error (
    id          bigserial     primary key,
    import_id   uuid          not null references import_run (id),
    row_number  integer,
    path        varchar(1000),
    message_zh  varchar(2000) not null,
    message_en  varchar(2000) not null
);
create index import_error_import_idx on import_error (import_id, id);

-- Which file of an import each item came from: the same path with the same bytes is a duplicate,
-- with other bytes a conflict. Goes with its dossier and item when they are destroyed.
create table imported_file (
    dossier_id  uuid          not null references dossier (id) on delete cascade,
    path        varchar(1000) not null,
    sha256      varchar(64)   not null,
    item_id     uuid          not null references item (id) on delete cascade,
    import_id   uuid          not null,
    primary key (dossier_id, path)
);
