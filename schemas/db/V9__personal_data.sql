-- Items that hold personal data (ID numbers, health records, bank accounts). Once the claim's
-- purpose has ended (closed, plus a configured period) they are readable only through a loan:
-- the Personal Information Protection Law allows storage and security measures, nothing more.
alter table item add column personal_data boolean not null default false;
alter table dossier add column purpose_ended_on date;
