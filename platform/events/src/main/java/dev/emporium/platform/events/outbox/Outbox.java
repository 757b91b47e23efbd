package dev.emporium.platform.events.outbox;

import dev.emporium.platform.events.DomainEvent;
import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.platform.events.trace.TraceContexts;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a service writes the events its state changes cause. {@link #append} inserts the event into
 * the {@code event_outbox} table <em>in the caller's transaction</em>: the event exists if and only if
 * the state change committed. The {@link OutboxRelay} publishes it afterwards, at least once.
 */
public class Outbox {

  private final OutboxRepository repository;
  private final JsonMapper mapper;
  private final EventSchemas schemas;
  private final boolean validate;
  private final TraceContexts traceContext;
  private final Runnable onCommit;
  private final Clock clock;

  Outbox(OutboxRepository repository, JsonMapper mapper, EventSchemas schemas, boolean validate,
      TraceContexts traceContext, Runnable onCommit, Clock clock) {
    this.repository = repository;
    this.mapper = mapper;
    this.schemas = schemas;
    this.validate = validate;
    this.traceContext = traceContext;
    this.onCommit = onCommit;
    this.clock = clock;
  }

  /**
   * Records {@code event} for publication on {@code topic}, keyed by its aggregate id.
   *
   * @return the CloudEvents id the event will carry
   * @throws IllegalStateException outside a transaction: the event could outlive a rolled-back change
   * @throws dev.emporium.platform.events.schema.EventSchemaViolation when the event breaks its schema
   */
  public UUID append(String topic, DomainEvent event) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("Outbox.append needs the transaction of the state change it reports ("
          + event.eventType() + ")");
    }
    String payload = mapper.writeValueAsString(event);
    if (validate) {
      schemas.requireValid(event.eventType(), payload);
    }
    UUID id = UUID.randomUUID();
    repository.insert(id, topic, event.aggregateId(), event.eventType(), OffsetDateTime.now(clock), payload,
        traceContext.current());
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        onCommit.run();
      }
    });
    return id;
  }
}
