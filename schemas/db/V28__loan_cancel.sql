-- A borrower may withdraw a request before it has every approval.
alter table loan drop constraint loan_status_check;
alter table loan add constraint loan_status_check
    check (status in ('REQUESTED', 'ACTIVE', 'REJECTED', 'RETURNED', 'EXPIRED', 'CANCELLED'));
