-- A row the broker can never take (larger than it accepts, an event type this version does not know, ...) is set
-- aside (parked_at) instead of blocking every row after it forever. Repeatable and idempotent, so that services whose
-- own migrations are past V0_x get it too; parked rows stay for an operator to inspect (last_error) and re-queue
-- (UPDATE outbox_event SET parked_at = NULL WHERE seq = ...).
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS parked_at timestamptz;
DROP INDEX IF EXISTS outbox_event_pending;
CREATE INDEX IF NOT EXISTS outbox_event_claimable ON outbox_event (seq) WHERE published_at IS NULL AND parked_at IS NULL;
