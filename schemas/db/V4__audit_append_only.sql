-- Nobody changes the trail: the database refuses UPDATE, DELETE and TRUNCATE on it. The runtime
-- user (${appUser}) is not the owner of the tables when a separate migration user runs these
-- scripts, so it can neither drop nor disable these triggers, and it is granted no more than
-- SELECT and INSERT on the trail.
alter table audit_event alter column prev_hash set not null;
alter table audit_event alter column hash set not null;

create function refuse_audit_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'the audit trail is append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_append_only
    before update or delete on audit_event
    for each row execute function refuse_audit_change();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function refuse_audit_change();

do
$$
begin
    if current_user <> '${appUser}' then
        execute format('grant usage on schema public to %I', '${appUser}');
        execute format('grant select, insert, update, delete on all tables in schema public to %I', '${appUser}');
        execute format('grant usage, select on all sequences in schema public to %I', '${appUser}');
        execute format('revoke update, delete, truncate, references, trigger on audit_event from %I', '${appUser}');
        execute format('revoke insert, update, delete, truncate on flyway_schema_history from %I', '${appUser}');
        execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', '${appUser}');
        execute format('alter default privileges in schema public grant usage, select on sequences to %I', '${appUser}');
    end if;
end
$$;
