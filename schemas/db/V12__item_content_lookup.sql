-- Custody checks and disposition ask "does any item still refer to these objects?" by hash alone;
-- the (dossier_id, sha256) unique index cannot answer that without scanning every item.
create index item_sha256_idx on item (sha256);

-- An orphan is reported first and collected only when still unreferenced after the collection
-- period, counted from the first sweep that reported it.
alter table custody_finding drop constraint custody_finding_kind_check;
alter table custody_finding add constraint custody_finding_kind_check
    check (kind in ('INTEGRITY', 'MISSING', 'ORPHAN', 'ORPHAN_COLLECTED', 'USABILITY'));
create index custody_finding_orphan_idx on custody_finding (object_key, found_at) where kind = 'ORPHAN';
