-- Where a user is told about what waits for them (overdue loans, decisions), when mail is set up.
alter table app_user add column email varchar(200);
