-- The due list is read in disposition-date order with the dossier id breaking ties; with both in
-- one index the first page comes straight off it instead of sorting every due dossier first.
create index dossier_retention_due_order_idx on dossier_retention (disposition_date, dossier_id) where state = 'SCHEDULED';
