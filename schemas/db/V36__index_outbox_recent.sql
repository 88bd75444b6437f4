-- The indexer, and every search, look at the outbox entries of the last minute (those committed
-- after the index moved past their sequence number); without this they read the whole outbox.
create index index_outbox_created_idx on index_outbox (created_at);
