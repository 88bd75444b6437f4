-- Where the paper original of a dossier is kept, so that ORIGINAL loans know what to fetch.
alter table dossier add column paper_room  varchar(100);
alter table dossier add column paper_shelf varchar(100);
alter table dossier add column paper_box   varchar(100);

-- Custody checks (四性检测): one row per sweep, with its progress so a caller can follow it and a
-- restarted sweep can carry on after the last item it finished.
create table custody_check (
    id            uuid        primary key,
    triggered_by  varchar(64) not null,
    status        varchar(20) not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    started_at    timestamptz not null,
    finished_at   timestamptz,
    total         integer     not null default 0,
    done          integer     not null default 0,
    bytes_read    bigint      not null default 0,
    last_key      varchar(64),
    findings      integer     not null default 0,
    summary       jsonb,
    summary_sha256 varchar(64),
    failure       varchar(1000)
);

-- One sweep at a time: a second request while one runs gets the running one.
create unique index custody_check_one_running_idx on custody_check ((true)) where status = 'RUNNING';

-- What a sweep found wrong: an object whose bytes no longer hash to its key (INTEGRITY), an item
-- whose object is gone (MISSING), an object no item refers to (ORPHAN), an original that no longer
-- opens as what it was filed as (USABILITY).
create table custody_finding (
    id         bigserial    primary key,
    check_id   uuid         not null references custody_check (id),
    kind       varchar(20)  not null check (kind in ('INTEGRITY', 'MISSING', 'ORPHAN', 'USABILITY')),
    item_id    uuid,
    dossier_id uuid,
    object_key varchar(200) not null,
    expected   varchar(200),
    actual     varchar(200),
    found_at   timestamptz  not null
);
create index custody_finding_check_idx on custody_finding (check_id, kind);
create unique index custody_finding_once_idx on custody_finding (check_id, kind, object_key, coalesce(item_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Raised when a sweep finds anything; stays open until the archive manager acknowledges it.
create table custody_alert (
    id              uuid         primary key,
    check_id        uuid         not null references custody_check (id),
    raised_at       timestamptz  not null,
    findings        integer      not null,
    summary         varchar(1000) not null,
    acknowledged_by varchar(64),
    acknowledged_at timestamptz
);
