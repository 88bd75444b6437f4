-- 被保险人档案: one insured's policies and claims are listed by the name as filed.
create index dossier_insured on dossier (insured) where insured is not null;
