-- 人事案卷 (one per employee) and 文书案卷 (one per year's volume of the company's own papers).
alter table dossier drop constraint dossier_type_check;
alter table dossier add constraint dossier_type_check
    check (type in ('UNDERWRITING', 'CLAIM', 'FINANCE', 'PERSONNEL', 'GENERAL'));
