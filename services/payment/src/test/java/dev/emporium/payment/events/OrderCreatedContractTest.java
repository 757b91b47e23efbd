package dev.emporium.payment.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.payment.payments.Payment;
import dev.emporium.payment.payments.PaymentDetails;
import dev.emporium.platform.events.schema.EventSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OrderCreated the payment service reads, as docs/events.md defines it: the fixture is valid
 * against the schema copy in src/test/resources/events, and the service reads from it everything
 * a charge needs. When the order service's schema changes, the copy and this test change with it.
 */
class OrderCreatedContractTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final EventSchemas schemas = new EventSchemas(OrderCreatedContractTest.class.getClassLoader());

  @Test
  void theDocumentedOrderCreatedMatchesTheSchemaCopy() throws IOException {
    assertThat(schemas.violations("OrderCreated", fixture())).isEmpty();
  }

  @Test
  void theSchemaCopyRejectsAnOrderWithoutWhatAChargeNeeds() throws IOException {
    ObjectNode order = (ObjectNode) JSON.readTree(fixture());
    order.remove("paymentMethod");
    ((ObjectNode) order.get("total")).put("currency", "euro");

    assertThat(schemas.violations("OrderCreated", order.toString())).hasSize(2);
  }

  @Test
  void theServiceReadsEverythingAChargeNeedsFromIt() throws IOException {
    OrderCreated order = JSON.readValue(fixture(), OrderCreated.class);

    assertThat(order.orderId()).isEqualTo("5b1f4c2e-8d3a-4f6b-9c2d-7e8f9a0b1c2d");
    assertThat(order.userId()).isEqualTo("u-7d3e");
    assertThat(order.total().amount()).isEqualByComparingTo("42.50");
    assertThat(order.total().currency()).isEqualTo("EUR");
    assertThat(order.items()).extracting(OrderCreated.Item::quantity).containsExactly(1, 3);
    PaymentDetails details = new PaymentDetails(order.total().amount(), order.total().currency(), order.paymentMethod(),
        order.items().stream().map(i -> new Payment.Item(i.productId(), i.quantity())).toList());
    assertThat(details.problem()).isEmpty();
    assertThat(details.items()).isEqualTo(List.of(new Payment.Item("3f0c8a4e-7a57-4a4e-9a0e-1b0f9e6f2c11", 1),
        new Payment.Item("9a7b6c5d-4e3f-4a1b-8c2d-0e1f2a3b4c5d", 3)));
  }

  private static String fixture() throws IOException {
    try (InputStream in = OrderCreatedContractTest.class.getResourceAsStream("/contract/OrderCreated.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
