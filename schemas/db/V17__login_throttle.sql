-- Failed password sign-ins, counted per account and per client address, so that guessing is
-- throttled the same whichever server of the cluster answers. A key is 'account:<name as typed,
-- trimmed and lower-cased>' or 'address:<client IP>'. Times are the database's, one clock for all
-- nodes. Rows whose window and lock have both passed are removed from time to time.
create table login_throttle (
    key           varchar(200) primary key,
    failures      integer      not null,
    window_start  timestamptz  not null,
    locked_until  timestamptz
);
create index login_throttle_window_idx on login_throttle (window_start);
