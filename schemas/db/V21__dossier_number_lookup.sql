-- People name a dossier by the numbers they know: 档号 and 业务号 have indexes already (their unique
-- constraints); 保单号 and 赔案号 get theirs for DossierLookup.
create index dossier_policy_number_idx on dossier (policy_number);
create index dossier_claim_number_idx on dossier (claim_number);
