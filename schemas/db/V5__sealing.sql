-- Sealing (归档): the archival year and code, who sealed and when, and the reason when the archive
-- manager sealed an incomplete dossier.
alter table dossier add column archival_year integer;
alter table dossier add column sealed_at timestamptz;
alter table dossier add column sealed_by varchar(64);
alter table dossier add column completeness_exception varchar(1000);

-- Business events that start retention clocks and fix the archival year (结案年度).
create table dossier_event (
    id          uuid        primary key,
    dossier_id  uuid        not null references dossier (id),
    event       varchar(30) not null check (event in ('POLICY_TERMINATED', 'CLAIM_CLOSED', 'DISPUTE_OPENED', 'DISPUTE_CLOSED')),
    event_date  date        not null,
    recorded_by varchar(64) not null,
    recorded_at timestamptz not null
);
create index dossier_event_dossier_idx on dossier_event (dossier_id, event);

-- The last item number (件号) given out per fonds, category, year, retention and organisation. The
-- row is locked by the sealing transaction, so numbers are unique and, because a rolled-back seal
-- gives its number back, without gaps.
create table archival_counter (
    fonds        varchar(20) not null,
    category     varchar(10) not null,
    year         integer     not null,
    retention    varchar(10) not null,
    organisation varchar(20) not null,
    last_number  integer     not null,
    primary key (fonds, category, year, retention, organisation)
);
