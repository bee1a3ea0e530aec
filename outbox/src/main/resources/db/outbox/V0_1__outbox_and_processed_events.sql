-- Transactional messaging tables, shared by every service that owns a database (module `outbox`).
-- A service adds `db/outbox` to quarkus.flyway.locations; V0_x versions sort before its own V1.

-- Events written in the same transaction as the state change they describe; a relay publishes them.
CREATE TABLE outbox_event (
    seq          bigserial PRIMARY KEY,
    id           uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    message_key  text,
    event_type   text        NOT NULL,
    subject      text,
    payload      text,                   -- the event's JSON; NULL is a tombstone
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX outbox_event_pending ON outbox_event (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- Events a consumer has applied, recorded in the same transaction as their effect: a redelivery changes nothing.
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
