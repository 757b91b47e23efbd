package dev.emporium.platform.events.kafka;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Kafka is healthy when the cluster answers a metadata request within the timeout. Spring Boot has
 * no Kafka health indicator; this one is a member of the {@code ready} group (as "kafka").
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private final Admin admin;
  private final Duration timeout;

  public KafkaHealthIndicator(Admin admin, Duration timeout) {
    super("Kafka health check failed");
    this.admin = admin;
    this.timeout = timeout;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    int timeoutMs = (int) timeout.toMillis();
    var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
    int nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
    if (nodes == 0) {
      builder.down().withDetail("nodes", 0);
    } else {
      builder.up().withDetail("nodes", nodes);
    }
  }

  @Override
  public void destroy() {
    admin.close(Duration.ofSeconds(1));
  }
}
