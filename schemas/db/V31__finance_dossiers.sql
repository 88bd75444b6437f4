-- 财务案卷: accounting vouchers, ledgers and reports, filed by volume and fiscal year (会计档案管理办法).
alter table dossier drop constraint dossier_type_check;
alter table dossier add constraint dossier_type_check check (type in ('UNDERWRITING', 'CLAIM', 'FINANCE'));
alter table dossier add column fiscal_year integer check (fiscal_year between 1900 and 2999);
