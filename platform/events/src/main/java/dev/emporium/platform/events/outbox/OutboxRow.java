package dev.emporium.platform.events.outbox;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One event waiting in (or published from) the outbox table. */
record OutboxRow(long id, UUID eventId, String topic, String aggregateId, String eventType,
    OffsetDateTime occurredAt, String payload, Map<String, String> headers, int attempts) {}
