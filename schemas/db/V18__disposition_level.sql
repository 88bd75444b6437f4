-- The highest security level among a batch member's dossier and its items, recorded when proposed and
-- again when executed, so that who may handle the batch (sign it, take its transfer package, see its
-- members) is still known once the dossier is gone. Members recorded before this column existed have
-- none and are treated as the highest level once their dossier is gone.
alter table disposition_dossier add column security_level varchar(20)
    check (security_level in ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET'));
