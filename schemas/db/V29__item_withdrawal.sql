-- 撤回: an item withdrawn before sealing leaves the record but keeps its line and its bytes until
-- the dossier's disposition. The same bytes may then be filed again, so uniqueness holds among the
-- items still filed.
alter table item add column withdrawn_at timestamptz;
alter table item add column withdrawn_by varchar(64);
alter table item add column withdrawal_reason varchar(1000);
alter table item add constraint item_withdrawal_complete
    check ((withdrawn_at is null) = (withdrawn_by is null) and (withdrawn_at is null) = (withdrawal_reason is null));
alter table item drop constraint item_content_unique;
create unique index item_content_unique on item (dossier_id, sha256) where withdrawn_at is null;
