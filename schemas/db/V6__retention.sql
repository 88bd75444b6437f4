-- Retention, legal holds and disposition. None of these tables references dossier(id): a destroyed
-- dossier's row goes, while its holds, its batch and its tombstone must stay as evidence.

-- The retention decision of each dossier, recomputed in the transaction of every change to the
-- dossier, its items or its events, so that the due list is one indexed range scan.
create table dossier_retention (
    dossier_id       uuid         primary key,
    rule_id          varchar(60)  not null,
    policy_version   varchar(100) not null,
    trigger_event    varchar(30)  not null,
    trigger_date     date,
    disposition_date date,
    state            varchar(20)  not null check (state in ('SCHEDULED', 'PENDING_TRIGGER', 'PERMANENT')),
    action           varchar(20)  not null,
    rules_digest     varchar(64)  not null,
    computed_at      timestamptz  not null
);
-- Decisions taken under other policy files are found by their digest and recomputed at start.
create index dossier_retention_digest_idx on dossier_retention (rules_digest);
create index dossier_retention_due_idx on dossier_retention (disposition_date) where state = 'SCHEDULED';

-- 冻结: a legal hold by case reference on explicit dossiers and/or the dossiers a saved search found
-- when the hold was placed (scope_query); released only with a comment.
create table legal_hold (
    id              uuid          primary key,
    case_reference  varchar(200)  not null,
    reason          varchar(2000) not null,
    status          varchar(20)   not null check (status in ('ACTIVE', 'RELEASED')),
    placed_by       varchar(64)   not null,
    placed_at       timestamptz   not null,
    released_by     varchar(64),
    released_at     timestamptz,
    release_comment varchar(2000),
    scope_query     varchar(1000),
    version         bigint        not null default 0
);

create table legal_hold_dossier (
    hold_id    uuid not null references legal_hold (id),
    dossier_id uuid not null,
    primary key (hold_id, dossier_id)
);
create index legal_hold_dossier_idx on legal_hold_dossier (dossier_id);

-- A disposition batch: proposed by the archive manager with an appraisal opinion (鉴定意见),
-- co-signed by an auditor, then executed dossier by dossier.
create table disposition (
    id                  uuid          primary key,
    action              varchar(20)   not null check (action in ('DESTROY', 'TRANSFER')),
    status              varchar(20)   not null check (status in ('PROPOSED', 'MANAGER_APPROVED', 'APPROVED', 'EXECUTED')),
    appraisal           varchar(4000) not null,
    proposed_by         varchar(64)   not null,
    proposed_at         timestamptz   not null,
    manager_approved_by varchar(64),
    manager_approved_at timestamptz,
    auditor_approved_by varchar(64),
    auditor_approved_at timestamptz,
    executed_by         varchar(64),
    executed_at         timestamptz,
    package_key         varchar(200),
    package_sha256      varchar(64),
    version             bigint        not null default 0
);

-- A TRANSFER batch leaves its package (BagIt in a ZIP) in the object store under package_key.
-- One dossier of a batch. Once destroyed or transferred, the row is the dossier's tombstone: what it was, which
-- rule let it go, and the outcome.
create table disposition_dossier (
    disposition_id   uuid          not null references disposition (id),
    dossier_id       uuid          not null,
    archival_code    varchar(100),
    business_key     varchar(100)  not null,
    dossier_type     varchar(20)   not null,
    title            varchar(500)  not null,
    department       varchar(100)  not null,
    rule_id          varchar(60),
    policy_version   varchar(100),
    trigger_date     date,
    disposition_date date,
    item_count       integer       not null,
    outcome          varchar(20)   not null check (outcome in ('PENDING', 'DESTROYED', 'TRANSFERRED', 'SKIPPED')),
    skip_reason      varchar(40),
    primary key (disposition_id, dossier_id)
);
create index disposition_dossier_dossier_idx on disposition_dossier (dossier_id);
