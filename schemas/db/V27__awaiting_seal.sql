-- An open dossier's retention is worked out but never due: it waits for its seal.
alter table dossier_retention drop constraint dossier_retention_state_check;
alter table dossier_retention add constraint dossier_retention_state_check
    check (state in ('SCHEDULED', 'PENDING_TRIGGER', 'PERMANENT', 'AWAITING_SEAL'));
