-- An import's progress counted per slot. Every row transaction of every slot used to add to the one
-- import_run row and so held its lock until it committed: the slots' transactions, and every claim
-- of bytes in between, queued behind one another. Each slot now adds to a row of its own, which only
-- that slot's transactions touch. import_run keeps what the reading of the manifest counted (rows
-- refused outright) and the figures of imports from before; the progress shown is the sum of both.
create table import_progress (
    import_id   uuid      not null references import_run (id),
    slot        integer   not null,
    done        integer   not null default 0,
    imported    integer   not null default 0,
    skipped     integer   not null default 0,
    conflicts   integer   not null default 0,
    failed      integer   not null default 0,
    bytes_read  bigint    not null default 0,
    primary key (import_id, slot)
);

-- The bytes claimed against the package's total-size limit: by rows filed and by rows in flight. A
-- claim is taken in a short transaction before a row is filed and given back only if the row fails,
-- so filing a row no longer touches import_run. On resuming, it is reset to the bytes of the rows done.
alter table import_run rename column bytes_reserved to bytes_claimed;
update import_run set bytes_claimed = bytes_read + bytes_claimed;
