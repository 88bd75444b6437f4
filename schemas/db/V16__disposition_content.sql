-- What each dossier of a disposition batch held when its signers were asked to sign: a SHA-256 over
-- the item count, ids and content hashes. Each signature and the execution compare it with the
-- dossier's content then; a change sends the batch back to be signed again. Batches proposed
-- before this column existed have none, and are sent back at their next step.
alter table disposition_dossier add column content_fingerprint varchar(64);
