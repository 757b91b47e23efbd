-- Tables of the platform's events library (dev.emporium.platform.events). A service adds
-- classpath:db/migration/platform-events to spring.flyway.locations; the 0.x versions sort before
-- the service's own (V1 onwards), so they never collide with them.

-- Transactional outbox: rows are written in the transaction of the state change they report and
-- published by the relay. The id orders an aggregate's events.
CREATE TABLE event_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    topic           text        NOT NULL,
    aggregate_id    text        NOT NULL,
    event_type      text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    payload         jsonb       NOT NULL,
    headers         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    published_at    timestamptz
);

-- The relay's lookups: pending rows per aggregate in order; published rows by age for cleanup.
CREATE INDEX event_outbox_pending ON event_outbox (topic, aggregate_id, id) WHERE published_at IS NULL;
CREATE INDEX event_outbox_due ON event_outbox (id) WHERE published_at IS NULL;
CREATE INDEX event_outbox_published_at ON event_outbox (published_at) WHERE published_at IS NOT NULL;

-- Idempotent consumer: one row per event a consumer processed, written with the consumer's effect.
-- CloudEvents ids are unique per source.
CREATE TABLE event_inbox (
    consumer        text        NOT NULL,
    source          text        NOT NULL,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    processed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, source, event_id)
);
