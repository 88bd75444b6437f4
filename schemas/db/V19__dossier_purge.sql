-- A dossier and its items are destroyed whatever loans refer to them. A loan outlives the dossier it
-- lent (the loan register is kept), so it keeps the dossier's and items' ids as plain values, and
-- the dossier's title, archival code, level and department as they stood when it was destroyed.
alter table loan drop constraint if exists loan_dossier_id_fkey;
alter table loan_item drop constraint if exists loan_item_item_id_fkey;
alter table loan_covered_item drop constraint if exists loan_covered_item_item_id_fkey;

alter table loan add column dossier_title          varchar(500);
alter table loan add column dossier_archival_code  varchar(100);
alter table loan add column dossier_security_level varchar(20);
alter table loan add column dossier_department     varchar(100);

create index loan_dossier_idx on loan (dossier_id);
