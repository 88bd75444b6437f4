-- 延长保管: after an appraisal the archive manager may keep a dossier longer than its rules say,
-- until a new review date. Never shorter: the rules' own date still applies when it is later.
-- The row goes with its dossier; the audit trail keeps the decision after a destruction.
create table retention_extension (
    id uuid primary key,
    dossier_id uuid not null references dossier (id) on delete cascade,
    review_date date not null,
    appraisal text not null,
    decided_by varchar(200) not null,
    decided_at timestamp with time zone not null
);

create index retention_extension_dossier on retention_extension (dossier_id, review_date desc);
