-- What a loan covers, fixed when it is requested: the items named, or for a whole dossier the
-- items filed in it at that moment. The approval chain was chosen by the highest security level
-- among exactly these, so an item filed later (or marked stricter than the loan) is not covered:
-- its approvers never saw it.
create table loan_covered_item (
    loan_id uuid not null references loan (id),
    item_id uuid not null references item (id),
    primary key (loan_id, item_id)
);
create index loan_covered_item_item_idx on loan_covered_item (item_id);

-- Loans made before: named items as named; a whole dossier as it stood when the loan was
-- requested, within the level the loan was approved for.
insert into loan_covered_item (loan_id, item_id)
select li.loan_id, li.item_id from loan_item li;

insert into loan_covered_item (loan_id, item_id)
select l.id, i.id
from loan l
join item i on i.dossier_id = l.dossier_id
where not exists (select 1 from loan_item li where li.loan_id = l.id)
  and i.created_at <= l.requested_at
  and array_position(array['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET']::varchar[], i.security_level::varchar)
      <= array_position(array['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET']::varchar[], l.security_level::varchar);
