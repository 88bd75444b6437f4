-- A paper original leaves the 库房 when a clerk hands it out (出库) and comes back when a clerk
-- checks it in (归还入库), its condition noted. A renewal (续借) is a loan of its own, through the
-- same approval chain, that takes over from the loan it renews.
alter table loan add column handed_out_at timestamptz;
alter table loan add column handed_out_by text;
alter table loan add column checked_in_at timestamptz;
alter table loan add column checked_in_by text;
alter table loan add column check_in_condition text;
alter table loan add column renews uuid references loan (id);
create unique index loan_one_pending_renewal on loan (renews) where status = 'REQUESTED';
create index loan_originals_out on loan (handed_out_at) where handed_out_at is not null and checked_in_at is null;

alter table loan drop constraint loan_status_check;
alter table loan add constraint loan_status_check
    check (status in ('REQUESTED', 'ACTIVE', 'REJECTED', 'RETURNED', 'EXPIRED', 'CANCELLED', 'RENEWED'));
