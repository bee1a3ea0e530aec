-- processed_event marks are pruned after snapshot.outbox.processed-retention (ProcessedEventPruner), chunk by chunk
-- through this index. Repeatable and idempotent, like R__outbox_parked.sql, so that services whose own migrations are
-- past V0_x get it too (a new V0_2 would sort before their applied V1.., which Flyway refuses). On a large existing
-- table the first build blocks new marks (consumers wait) for as long as it takes, once.
CREATE INDEX IF NOT EXISTS processed_event_processed_at ON processed_event (processed_at);
