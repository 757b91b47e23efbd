package dev.emporium.notification.delivery;

import dev.emporium.notification.FakeUserService;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The retry delays on RabbitMQ (127.0.0.1:5672), in the default {@code dead-letter-ttl} mode: delay queues. */
class DeadLetterTtlRetryIT extends RetryDelayContract {

  static final FakeUserService users = FakeUserService.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    register(registry, users);
  }

  @AfterAll
  static void stopUsers() {
    users.close();
  }

  @Override
  FakeUserService users() {
    return users;
  }
}
