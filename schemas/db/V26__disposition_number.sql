-- A disposition batch gets a number people can read out and write on paper (CZ-2026-000003),
-- as loans have theirs; batches proposed before numbers existed are numbered in the order proposed.
create sequence disposition_number_seq;

alter table disposition add column number varchar(30);

update disposition d
   set number = 'CZ-' || extract(year from d.proposed_at at time zone 'Asia/Shanghai')::int || '-'
                || lpad(ordered.n::text, 6, '0')
  from (select id, row_number() over (order by proposed_at, id) as n from disposition) ordered
 where d.id = ordered.id;

select setval('disposition_number_seq', greatest((select count(*) from disposition), 1),
              (select count(*) from disposition) > 0);

alter table disposition alter column number set not null;
alter table disposition add constraint disposition_number_unique unique (number);
