package dev.emporium.messaging.api;

import dev.emporium.messaging.MessagingProperties;
import dev.emporium.messaging.delivery.Providers;
import dev.emporium.messaging.delivery.Push;
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
 * The push provider's API: {@code POST} notifies a user's devices under an {@code Idempotency-Key}
 * (a retry with the same key and body gets the first answer and notifies nothing new);
 * {@code GET} shows what was sent. Latency and injected failures apply to the POST first.
 */
@RestController
@RequestMapping("/v1/push")
class PushController {

  record PushRequest(@Nullable String userId, @Nullable String title, @Nullable String body) {}

  record PushResponse(String id, String userId, String title, String body, String status, String idempotencyKey,
      Instant deliveredAt) {

    static PushResponse of(Push push) {
      return new PushResponse(push.id(), push.userId(), push.title(), push.body(), "delivered", push.idempotencyKey(),
          push.deliveredAt());
    }
  }

  private final Providers providers;
  private final IdempotencyKeys keys;
  private final int maxListLimit;

  PushController(Providers providers, MessagingProperties properties) {
    this.providers = providers;
    this.keys = new IdempotencyKeys(properties.idempotency().maxKeyLength());
    this.maxListLimit = properties.maxListLimit();
  }

  @PostMapping
  @Operation(summary = "Send a push notification: 201 when delivered; a repeated Idempotency-Key answers the first delivery")
  ResponseEntity<Object> send(@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
      @RequestBody PushRequest request) {
    String checked = keys.check(key);
    providers.checkPush(request.userId(), request.title(), request.body());
    return keys.answer(providers.pushKeys(), checked, request, () -> new StoredResponse(HttpStatus.CREATED.value(),
        PushResponse.of(providers.deliverPush(request.userId(), request.title(), request.body(), checked))));
  }

  @GetMapping
  @Operation(summary = "The push notifications delivered, newest first, optionally only those to one user")
  Listing<PushResponse> list(@RequestParam(required = false) @Nullable String userId,
      @RequestParam(defaultValue = "" + ListLimit.DEFAULT) int limit) {
    int checked = ListLimit.check(limit, maxListLimit);
    return Listing.of(providers.pushLog()
        .newest(push -> userId == null || userId.isBlank() || push.userId().equals(userId.strip()), checked)
        .stream().map(PushResponse::of).toList());
  }
}
