-- 补充归档: a document filed into a sealed dossier by the archive manager carries the reason given.
alter table item add column supplement_reason varchar(1000);
