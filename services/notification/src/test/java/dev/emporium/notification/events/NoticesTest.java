package dev.emporium.notification.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.notification.job.Notice;
import dev.emporium.notification.job.NoticeKind;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.envelope.MalformedEventException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NoticesTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static IncomingEvent event(String type, String json) {
    return new IncomingEvent("e-1", URI.create("/services/test"), type, "o-1", OffsetDateTime.now(), "t", "o-1", 0, 0,
        json.getBytes(StandardCharsets.UTF_8), JSON);
  }

  @Test
  void readsTheFactsOfAnOrderItsLinesAndTotal() {
    Notice notice = Notices.from(event("OrderCreated", """
        {"orderId": "o-1", "userId": "u-1", "total": {"amount": 12.5, "currency": "EUR"}, "paymentMethod": "x",
         "items": [{"productId": "p", "name": "Kettle", "quantity": 2, "unitPrice": {"amount": 6.25, "currency": "EUR"}}],
         "occurredAt": "2026-12-01T10:00:00Z", "somethingNew": true}"""), NoticeKind.ORDER_CREATED);

    assertThat(notice.total().amount()).isEqualByComparingTo("12.5");
    assertThat(notice.lines()).singleElement().satisfies(line -> {
      assertThat(line.name()).isEqualTo("Kettle");
      assertThat(line.quantity()).isEqualTo(2);
    });
    assertThat(notice.eventId()).isEqualTo("e-1");
    assertThat(notice.occurredAt()).hasToString("2026-12-01T10:00:00Z");
  }

  @Test
  void anEventMissingWhatItsNoticeNeedsIsMalformed() {
    assertThatThrownBy(() -> Notices.from(event("ShipmentCreated", "{\"orderId\": \"o-1\", \"userId\": \"u-1\"}"),
        NoticeKind.SHIPMENT_CREATED)).isInstanceOf(MalformedEventException.class).hasMessageContaining("trackingNumber");
    assertThatThrownBy(() -> Notices.from(event("PaymentProcessed",
        "{\"orderId\": \"o-1\", \"userId\": \"u-1\", \"amount\": 3, \"currency\": \"euro\"}"), NoticeKind.PAYMENT_PROCESSED))
        .isInstanceOf(MalformedEventException.class).hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> Notices.from(event("OrderCancelled", "{\"orderId\": \"o-1\", \"reason\": \"timeout\"}"),
        NoticeKind.ORDER_CANCELLED)).isInstanceOf(MalformedEventException.class).hasMessageContaining("userId");
    assertThatThrownBy(() -> Notices.from(event("OrderCancelled", "[1, 2"), NoticeKind.ORDER_CANCELLED))
        .isInstanceOf(MalformedEventException.class);
  }
}
