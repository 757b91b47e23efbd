package dev.emporium.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.order.SagaFixtures;
import dev.emporium.order.order.CancellationReason;
import dev.emporium.order.order.SagaEvent;
import dev.emporium.order.order.SagaEvent.StepFailed;
import dev.emporium.order.order.SagaEvent.StepSucceeded;
import dev.emporium.order.order.SagaStep;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.schema.EventSchemas;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events the order service reads, checked against their producers' schemas: the inventory's own
 * files (copied to src/test/resources/events, and compared with the originals here), and, until
 * the payment and shipping services ship theirs, copies written from docs/events.md. The same
 * fixtures drive the saga ITs, and each must mean to the order what the contract says it means.
 */
class SagaContractTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final EventSchemas SCHEMAS = new EventSchemas(SagaContractTest.class.getClassLoader());
  private static final String ORDER = UUID.randomUUID().toString();
  private static final String USER = "u-1";
  private static final String PRODUCT = UUID.randomUUID().toString();

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("PaymentProcessed", SagaFixtures.paymentProcessed(ORDER, USER, PRODUCT, 2, "59.80")),
        Arguments.of("PaymentFailed", SagaFixtures.paymentFailed(ORDER, USER, "card-declined")),
        Arguments.of("PaymentFailed", SagaFixtures.paymentFailed(ORDER, USER, "processor-unavailable")),
        Arguments.of("PaymentRefunded", SagaFixtures.paymentRefunded(ORDER, USER, "59.80", "insufficient-stock")),
        Arguments.of("InventoryReserved", SagaFixtures.inventoryReserved(ORDER, PRODUCT, 2)),
        Arguments.of("InventoryInsufficient", SagaFixtures.inventoryInsufficient(ORDER, PRODUCT, 2, 1)),
        Arguments.of("InventoryReleased", SagaFixtures.inventoryReleased(ORDER, PRODUCT, 2, "timeout")),
        Arguments.of("ShipmentCreated", SagaFixtures.shipmentCreated(ORDER, USER, "TRACK-1")),
        Arguments.of("ShipmentFailed", SagaFixtures.shipmentFailed(ORDER, USER, "address-unserviceable")),
        Arguments.of("ShipmentCancelled", SagaFixtures.shipmentCancelled(ORDER, USER, "payment-failed")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyEventTheOrderReadsMatchesItsProducersSchema(String type, Map<String, Object> data) {
    String json = JSON.writeValueAsString(data);

    assertThat(SCHEMAS.violations(type, json)).as(json).isEmpty();
    assertThat(SagaTranslation.translate(incoming(type, json))).as("the order service reacts to " + type)
        .hasValueSatisfying(t -> assertThat(t.orderId()).hasToString(ORDER));
  }

  @Test
  void theFixturesWouldBeCaughtBreakingTheSchema() {
    Map<String, Object> data = new java.util.HashMap<>(SagaFixtures.shipmentCreated(ORDER, USER, "T-1"));
    data.remove("trackingNumber");
    data.put("surprise", true);

    assertThat(SCHEMAS.violations("ShipmentCreated", JSON.writeValueAsString(data))).hasSize(2);
  }

  @Test
  void theInventorySchemaCopiesAreTheInventorysOwnFiles() throws IOException {
    Path producer = Path.of("..", "inventory", "src", "main", "resources", "events");
    for (String type : List.of("InventoryReserved", "InventoryInsufficient", "InventoryReleased")) {
      Path copy = Path.of("src", "test", "resources", "events", type + ".schema.json");
      assertThat(Files.readString(copy)).as(type + " copy is in sync with services/inventory")
          .isEqualTo(Files.readString(producer.resolve(type + ".schema.json")));
    }
  }

  @Test
  void eachEventMeansWhatTheContractSays() {
    assertThat(meaning("PaymentProcessed", SagaFixtures.paymentProcessed(ORDER, USER, PRODUCT, 1, "1.00")))
        .isInstanceOfSatisfying(StepSucceeded.class, s -> assertThat(s.step()).isEqualTo(SagaStep.PAYMENT));
    assertThat(meaning("PaymentFailed", SagaFixtures.paymentFailed(ORDER, USER, "card-declined")))
        .isInstanceOfSatisfying(StepFailed.class,
            f -> assertThat(f.reason()).isEqualTo(CancellationReason.PAYMENT_DECLINED));
    assertThat(meaning("PaymentFailed", SagaFixtures.paymentFailed(ORDER, USER, "invalid-payment")))
        .isInstanceOfSatisfying(StepFailed.class,
            f -> assertThat(f.reason()).isEqualTo(CancellationReason.PAYMENT_FAILED));
    assertThat(meaning("InventoryInsufficient", SagaFixtures.inventoryInsufficient(ORDER, PRODUCT, 3, 1)))
        .isInstanceOfSatisfying(StepFailed.class, f -> {
          assertThat(f.reason()).isEqualTo(CancellationReason.INSUFFICIENT_STOCK);
          assertThat(f.detail()).contains(PRODUCT).contains("requested 3").contains("available 1");
        });
    assertThat(meaning("ShipmentCreated", SagaFixtures.shipmentCreated(ORDER, USER, "TRACK-9")))
        .isInstanceOfSatisfying(StepSucceeded.class, s -> assertThat(s.trackingNumber()).isEqualTo("TRACK-9"));
    assertThat(meaning("ShipmentFailed", SagaFixtures.shipmentFailed(ORDER, USER, "invalid-address")))
        .isInstanceOfSatisfying(StepFailed.class,
            f -> assertThat(f.reason()).isEqualTo(CancellationReason.SHIPMENT_FAILED));
    assertThat(meaning("InventoryReleased", SagaFixtures.inventoryReleased(ORDER, PRODUCT, 1, "timeout")))
        .isInstanceOf(SagaEvent.Compensated.class);
    assertThat(SagaTranslation.translate(incoming("OrderCreated", "{}"))).isEmpty();
  }

  private static SagaEvent meaning(String type, Map<String, Object> data) {
    return SagaTranslation.translate(incoming(type, JSON.writeValueAsString(data))).orElseThrow().event();
  }

  private static IncomingEvent incoming(String type, String json) {
    return new IncomingEvent(UUID.randomUUID().toString(), URI.create("/services/test"), type, ORDER,
        OffsetDateTime.now(), "topic", ORDER, 0, 0, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), JSON);
  }
}
