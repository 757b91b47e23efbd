package dev.emporium.platform.events;

/**
 * Something that happened to an aggregate, named in the past tense ({@code ProductUpdated}): a
 * record whose components are the event's data, as its JSON Schema ({@code events/<Type>.schema.json})
 * describes them.
 */
public interface DomainEvent {

  /**
   * The id of the aggregate the event is about. It is the Kafka key and the CloudEvents
   * {@code subject}: events of one aggregate land on one partition and are consumed in order.
   */
  String aggregateId();

  /** The CloudEvents {@code type}: the record's simple name, which must be past tense. */
  default String eventType() {
    return getClass().getSimpleName();
  }
}
