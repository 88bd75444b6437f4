-- Content a destruction batch could not remove because the object store refused (an object lock
-- longer than the retention, a store fault). While any is listed the batch has no destruction
-- certificate: the certificate would say destroyed of bytes that are still there.
create table disposition_kept_content (
    disposition_id uuid         not null references disposition (id),
    sha256         varchar(64)  not null,
    reason         varchar(500) not null,
    recorded_at    timestamptz  not null,
    primary key (disposition_id, sha256)
);
