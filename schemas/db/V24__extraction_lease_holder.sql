-- Which node holds an item's extraction lease. A node that was killed in the middle of extracting
-- gives those items back to the queue when it starts again, instead of leaving them RUNNING until
-- the lease (the extraction time limit plus two minutes) runs out.
alter table item add column extraction_node varchar(200);
