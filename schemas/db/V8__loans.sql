-- 借阅 Loans: a time-limited grant to consult a dossier (or some of its items) online, as a
-- watermarked copy, or as the paper original, given by an approval chain.
create sequence loan_number_seq;

create table loan (
    id             uuid         primary key,
    number         varchar(30)  not null unique,
    dossier_id     uuid         not null references dossier (id),
    borrower       varchar(64)  not null,
    purpose        varchar(1000) not null,
    kind           varchar(10)  not null check (kind in ('VIEW', 'COPY', 'ORIGINAL')),
    days           integer      not null check (days > 0),
    security_level varchar(20)  not null,
    status         varchar(20)  not null check (status in ('REQUESTED', 'ACTIVE', 'REJECTED', 'RETURNED', 'EXPIRED')),
    approvals_needed varchar(200) not null,
    requested_at   timestamptz  not null,
    activated_at   timestamptz,
    due_at         timestamptz,
    ended_at       timestamptz,
    version        bigint       not null default 0
);
create index loan_borrower_idx on loan (borrower, status);
create index loan_status_idx on loan (status, due_at);

create table loan_item (
    loan_id uuid not null references loan (id),
    item_id uuid not null references item (id),
    primary key (loan_id, item_id)
);

create table loan_decision (
    id        uuid         primary key,
    loan_id   uuid         not null references loan (id),
    step      integer      not null,
    role      varchar(30)  not null,
    approver  varchar(64)  not null,
    approved  boolean      not null,
    comment   varchar(1000) not null,
    decided_at timestamptz not null,
    constraint loan_decision_step_unique unique (loan_id, step)
);

-- Reminders for overdue paper originals, and anything else a person must be told.
create table notification (
    id         uuid         primary key,
    recipient  varchar(64)  not null,
    subject    varchar(300) not null,
    body       varchar(2000) not null,
    created_at timestamptz  not null,
    mailed_at  timestamptz
);
create index notification_recipient_idx on notification (recipient, created_at);
