package dev.emporium.payment.processor;

import dev.emporium.payment.PaymentProperties;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP call to the card processor, without any resilience: {@link CardProcessor} wraps it.
 * Every POST carries an {@code Idempotency-Key}: the order id for a charge, {@code refund-} and the
 * order id for its refund, so any repetition of a call (a retry, another instance after a crash)
 * is answered with the first outcome and moves no money twice.
 */
class ProcessorClient {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final RestClient rest;
  private final JsonMapper mapper;

  ProcessorClient(PaymentProperties.Processor properties, JsonMapper mapper, ObservationRegistry observations) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(properties.timeout());
    this.rest = RestClient.builder().baseUrl(properties.url().toString()).requestFactory(factory)
        .observationRegistry(observations).build();
    this.mapper = mapper;
  }

  /** The refund of an order's charge is keyed apart from the charge: the processor refuses one key on two endpoints. */
  static String refundKey(String orderId) {
    return "refund-" + orderId;
  }

  ChargeResult charge(ChargeRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", money(request.amount(), request.currency()));
    body.put("paymentMethod", request.paymentMethod());
    body.put("orderId", request.orderId());
    body.put("description", "order " + request.orderId());
    return post("/v1/charges", request.orderId(), body, (status, json) -> switch (status) {
      case 201 -> new ChargeResult.Approved(json.path("id").asString());
      case 402 -> new ChargeResult.Declined(json.path("id").asString(null),
          json.path("declineCode").asString("card_declined"), json.path("message").asString(null));
      default -> new ChargeResult.Rejected("HTTP " + status + ": " + detail(json));
    });
  }

  RefundResult refund(String orderId, String chargeId) {
    return post("/v1/refunds", refundKey(orderId), Map.of("chargeId", chargeId), (status, json) -> switch (status) {
      case 201 -> new RefundResult.Refunded(json.path("id").asString(),
          new BigDecimal(json.path("amount").path("amount").asString("0")));
      default -> new RefundResult.Refused("HTTP " + status + ": " + detail(json));
    });
  }

  private interface Answer<T> {
    T of(int status, JsonNode json);
  }

  private <T> T post(String path, String key, Object body, Answer<T> answer) {
    byte[] json = mapper.writeValueAsBytes(body);
    try {
      return rest.post().uri(path).header(IDEMPOTENCY_KEY, key).contentType(MediaType.APPLICATION_JSON)
          .accept(MediaType.APPLICATION_JSON).body(json)
          .exchange((req, res) -> {
            int status = res.getStatusCode().value();
            if (status == 429 || status >= 500) {
              throw new ProcessorUnavailableException("http-" + status, "the processor answered " + status, null);
            }
            return answer.of(status, read(res.getBody()));
          });
    } catch (RestClientException e) {
      throw unavailable(e);
    }
  }

  private JsonNode read(InputStream body) throws IOException {
    byte[] bytes = body.readAllBytes();
    if (bytes.length == 0) {
      return mapper.missingNode();
    }
    try {
      return mapper.readTree(bytes);
    } catch (tools.jackson.core.JacksonException e) {
      return mapper.missingNode();
    }
  }

  private static String detail(JsonNode json) {
    String detail = json.path("detail").asString(json.path("message").asString(""));
    return detail.length() > 500 ? detail.substring(0, 500) : detail;
  }

  private static ProcessorUnavailableException unavailable(RestClientException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProcessorUnavailableException unavailable) {
        return unavailable;
      }
      if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
        return new ProcessorUnavailableException("connect-failure", "could not connect to the processor", e);
      }
      if (cause instanceof HttpTimeoutException) {
        return new ProcessorUnavailableException("timeout", "the processor did not answer in time", e);
      }
    }
    return new ProcessorUnavailableException("io-error", "the call to the processor failed: " + e.getMessage(), e);
  }

  private static Map<String, String> money(BigDecimal amount, String currency) {
    Map<String, String> money = new LinkedHashMap<>();
    // In the currency's minor units ("42.50", "100" for JPY): one canonical text per amount, so that a
    // retried request is equal to the first. The order's amount was checked to need no rounding.
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    money.put("amount", amount.setScale(digits, RoundingMode.UNNECESSARY).toPlainString());
    money.put("currency", currency);
    return money;
  }
}
