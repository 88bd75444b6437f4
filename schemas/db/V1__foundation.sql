-- Users of the archive. Passwords are PBKDF2 hashes; roles live in their own table so that a
-- user can hold several.
create table app_user (
    username      varchar(64)  primary key,
    display_name  varchar(200) not null,
    password_hash varchar(400) not null,
    clearance     varchar(20)  not null check (clearance in ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET')),
    department    varchar(100),
    enabled       boolean      not null default true,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    version       bigint       not null default 0
);

create table app_user_role (
    username varchar(64) not null references app_user (username) on delete cascade,
    role     varchar(30) not null check (role in ('CLERK', 'ADJUSTER', 'UNDERWRITER', 'DEPARTMENT_HEAD',
                                                  'ARCHIVE_MANAGER', 'AUDITOR', 'ADMIN')),
    primary key (username, role)
);

-- One dossier per policy (UNDERWRITING) or per claim (CLAIM); its business key is the policy or
-- claim number the core systems use.
create table dossier (
    id             uuid          primary key,
    type           varchar(20)   not null check (type in ('UNDERWRITING', 'CLAIM')),
    business_key   varchar(100)  not null,
    product_line   varchar(50)   not null,
    title          varchar(500)  not null,
    department     varchar(100)  not null,
    security_level varchar(20)   not null check (security_level in ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET')),
    status         varchar(20)   not null check (status in ('OPEN', 'SEALED')),
    policy_number  varchar(100),
    claim_number   varchar(100),
    insured        varchar(200),
    policy_start   date,
    policy_end     date,
    loss_date      date,
    claim_amount   numeric(18, 2),
    metadata       jsonb         not null default '{}'::jsonb,
    archival_code  varchar(100)  unique,
    created_by     varchar(64)   not null,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    version        bigint        not null default 0,
    constraint dossier_business_key_unique unique (type, business_key)
);
create index dossier_status_idx on dossier (status);
create index dossier_created_idx on dossier (created_at);

-- Objects in the store, keyed by content hash: the same bytes are stored once.
create table stored_object (
    sha256     varchar(64) primary key check (sha256 ~ '^[0-9a-f]{64}$'),
    size       bigint      not null,
    created_at timestamptz not null
);

create table item (
    id                    uuid         primary key,
    dossier_id            uuid         not null references dossier (id),
    item_number           integer      not null,
    title                 varchar(500) not null,
    document_type         varchar(100) not null,
    document_date         date,
    file_name             varchar(500) not null,
    media_type            varchar(200) not null,
    size                  bigint       not null,
    sha256                varchar(64)  not null references stored_object (sha256),
    pages                 integer,
    security_level        varchar(20)  not null check (security_level in ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET')),
    extraction_state      varchar(20)  not null check (extraction_state in ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'UNSUPPORTED')),
    extraction_reason     varchar(1000),
    extraction_attempts   integer      not null default 0,
    extraction_lease_until timestamptz,
    created_by            varchar(64)  not null,
    created_at            timestamptz  not null,
    version               bigint       not null default 0,
    constraint item_number_unique unique (dossier_id, item_number),
    constraint item_content_unique unique (dossier_id, sha256)
);
create index item_dossier_idx on item (dossier_id);
create index item_extraction_queue_idx on item (extraction_state, created_at)
    where extraction_state in ('PENDING', 'RUNNING');

-- Extracted text is kept in the database so that the search index can always be rebuilt from
-- the database alone.
create table item_text (
    item_id      uuid        primary key references item (id),
    content      text        not null,
    characters   integer     not null,
    truncated    boolean     not null default false,
    extracted_at timestamptz not null
);

-- The indexing outbox: written in the same transaction as the change; the index follows it by
-- sequence and records its position in its own commits.
create table index_outbox (
    seq        bigserial   primary key,
    dossier_id uuid        not null,
    item_id    uuid,
    created_at timestamptz not null default clock_timestamp()
);

create table audit_event (
    seq            bigserial    primary key,
    at             timestamptz  not null,
    actor          varchar(64)  not null,
    action         varchar(60)  not null,
    target         varchar(200),
    outcome        varchar(20)  not null check (outcome in ('SUCCESS', 'DENIED', 'FAILED')),
    client_address varchar(100),
    details        jsonb        not null default '{}'::jsonb
);
create index audit_event_actor_idx on audit_event (actor, at);
create index audit_event_target_idx on audit_event (target);
