-- The audit trail becomes a hash chain: every event carries the hash of the one before it and its
-- own hash over a canonical form. Sequence numbers are assigned by the appender under the lock of
-- the single head row, so they are gap-free in commit order.
alter table audit_event alter column details type text using details::text;
alter table audit_event alter column seq drop default;
drop sequence if exists audit_event_seq_seq;
alter table audit_event add column prev_hash varchar(64);
alter table audit_event add column hash varchar(64);

create table audit_head (
    id   smallint    primary key check (id = 1),
    seq  bigint      not null,
    hash varchar(64) not null
);
insert into audit_head (id, seq, hash) values (1, 0, repeat('0', 64));
