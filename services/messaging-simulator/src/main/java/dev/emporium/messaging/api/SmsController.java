package dev.emporium.messaging.api;

import dev.emporium.messaging.MessagingProperties;
import dev.emporium.messaging.delivery.Providers;
import dev.emporium.messaging.delivery.Sms;
import dev.emporium.messaging.idempotency.StoredResponse;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SMS provider's API: {@code POST} sends a text under an {@code Idempotency-Key} (a retry with
 * the same key and body gets the first answer, marked {@code Idempotent-Replayed: true}, and sends
 * nothing new); {@code GET} shows what was sent. Latency and injected failures apply to the POST
 * before any of this ({@link FaultInjection}).
 */
@RestController
@RequestMapping("/v1/sms")
class SmsController {

  record SmsRequest(@Nullable String to, @Nullable String body) {}

  record SmsResponse(String id, String to, String body, String status, String idempotencyKey, Instant deliveredAt) {

    static SmsResponse of(Sms sms) {
      return new SmsResponse(sms.id(), sms.to(), sms.body(), "delivered", sms.idempotencyKey(), sms.deliveredAt());
    }
  }

  private final Providers providers;
  private final IdempotencyKeys keys;
  private final int maxListLimit;

  SmsController(Providers providers, MessagingProperties properties) {
    this.providers = providers;
    this.keys = new IdempotencyKeys(properties.idempotency().maxKeyLength());
    this.maxListLimit = properties.maxListLimit();
  }

  @PostMapping
  @Operation(summary = "Send a text message: 201 when delivered; a repeated Idempotency-Key answers the first delivery")
  ResponseEntity<Object> send(@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
      @RequestBody SmsRequest request) {
    String checked = keys.check(key);
    providers.checkSms(request.to(), request.body());
    return keys.answer(providers.smsKeys(), checked, request, () -> new StoredResponse(HttpStatus.CREATED.value(),
        SmsResponse.of(providers.deliverSms(request.to(), request.body(), checked))));
  }

  @GetMapping
  @Operation(summary = "The text messages delivered, newest first, optionally only those to one number")
  Listing<SmsResponse> list(@RequestParam(required = false) @Nullable String to,
      @RequestParam(defaultValue = "" + ListLimit.DEFAULT) int limit) {
    int checked = ListLimit.check(limit, maxListLimit);
    return Listing.of(providers.smsLog().newest(sms -> to == null || to.isBlank() || sms.to().equals(to.strip()), checked)
        .stream().map(SmsResponse::of).toList());
  }
}
