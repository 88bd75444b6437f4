-- Custody checks and disposition ask "does any item still refer to these objects?" by hash alone;
-- the (dossier_id, sha256) unique index cannot answer that without scanning every item.
create index item_sha256_idx on item (sha256);
