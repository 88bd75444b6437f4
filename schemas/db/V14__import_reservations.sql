-- Bytes of rows being filed right now, claimed before their transaction commits, so that two
-- threads cannot both fit under the package's total-size limit with the same remaining budget.
-- Nothing is in flight when an import starts or resumes, so it is reset to zero then.
alter table import_run add column bytes_reserved bigint not null default 0;
