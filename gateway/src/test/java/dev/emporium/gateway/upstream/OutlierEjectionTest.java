package dev.emporium.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.config.EndpointConfig;
import dev.emporium.gateway.config.OutlierDetectionConfig;
import dev.emporium.gateway.resilience.AttemptOutcome;
import dev.emporium.gateway.upstream.balance.RoundRobinBalancer;
import dev.emporium.gateway.upstream.health.OutlierDetector;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outlier detection together with the cluster it ejects from. Ejection periods are long (10 s
 * base) so that no real timer ends one during a test; the test ends them itself and moves a clock.
 */
class OutlierEjectionTest {

  private static final long SECOND = 1_000_000_000L;
  private static Vertx vertx;

  private final AtomicLong offset = new AtomicLong();
  private final List<Cluster> clusters = new ArrayList<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @AfterEach
  void closeClusters() {
    clusters.forEach(Cluster::close);
  }

  @Test
  void ejectsAfterConsecutive5xxOnly() {
    Cluster cluster = cluster(4, 50);
    OutlierDetector detector = detector(cluster, 50);
    Endpoint e = cluster.endpoints().all().get(0);

    fail(detector, e, AttemptOutcome.SERVER_ERROR, 2);
    detector.record(e, AttemptOutcome.RESPONDED);
    fail(detector, e, AttemptOutcome.SERVER_ERROR, 2);
    assertThat(e.ejected()).isFalse();

    detector.record(e, AttemptOutcome.SERVER_ERROR);
    assertThat(e.ejected()).isTrue();
    assertThat(cluster.endpoints().available()).doesNotContain(e).hasSize(3);
  }

  @Test
  void ejectsAfterConsecutiveConnectionFailuresOfAnyKind() {
    Cluster cluster = cluster(4, 50);
    OutlierDetector detector = detector(cluster, 50);
    Endpoint e = cluster.endpoints().all().get(0);

    detector.record(e, AttemptOutcome.CONNECT_FAILURE);
    assertThat(e.ejected()).isFalse();
    detector.record(e, AttemptOutcome.TIMEOUT);
    assertThat(e.ejected()).isTrue();

    Endpoint other = cluster.endpoints().all().get(1);
    detector.record(other, AttemptOutcome.RESET);
    detector.record(other, AttemptOutcome.RESPONDED);
    detector.record(other, AttemptOutcome.RESET);
    assertThat(other.ejected()).isFalse();
  }

  @Test
  void ejectsForLongerEachTimeUpToTheMaximum() {
    Cluster cluster = cluster(4, 50);
    OutlierDetector detector = detector(cluster, 50);
    Endpoint e = cluster.endpoints().all().get(0);

    assertThat(ejectAndEnd(cluster, detector, e)).isEqualTo(10);
    assertThat(ejectAndEnd(cluster, detector, e)).isEqualTo(20);
    assertThat(ejectAndEnd(cluster, detector, e)).isEqualTo(30);
    assertThat(ejectAndEnd(cluster, detector, e)).isEqualTo(35);
    assertThat(ejectAndEnd(cluster, detector, e)).isEqualTo(35);
  }

  @Test
  void forgivesOneEjectionForEveryBasePeriodSpentBackInRotation() {
    Cluster cluster = cluster(4, 50);
    OutlierDetector detector = detector(cluster, 50);
    Endpoint e = cluster.endpoints().all().get(0);
    ejectAndEnd(cluster, detector, e);
    ejectAndEnd(cluster, detector, e);
    ejectAndEnd(cluster, detector, e);

    offset.addAndGet(20 * SECOND);

    assertThat(ejectAndEnd(cluster, detector, e)).isEqualTo(20);
  }

  @Test
  void stopsCountingEjectionsOnceTheLongestPeriodIsReached() {
    Cluster cluster = cluster(4, 50);
    OutlierDetector detector = detector(cluster, 50);
    Endpoint e = cluster.endpoints().all().get(0);
    for (int i = 0; i < 8; i++) ejectAndEnd(cluster, detector, e);

    // The count stops at 4 (4 × 10 s covers the 35 s maximum), so two base periods of good
    // behaviour bring the next ejection down to 3 × 10 s, not to 7 × 10 s capped at 35 s.
    offset.addAndGet(20 * SECOND);

    assertThat(ejectAndEnd(cluster, detector, e)).isEqualTo(30);
  }

  @Test
  void neverEjectsMoreThanTheMaximumShare() {
    Cluster cluster = cluster(4, 50);
    OutlierDetector detector = detector(cluster, 50);
    List<Endpoint> all = cluster.endpoints().all();

    for (Endpoint e : all) fail(detector, e, AttemptOutcome.SERVER_ERROR, 3);

    assertThat(all.stream().filter(Endpoint::ejected)).hasSize(2);
    assertThat(cluster.endpoints().available()).hasSize(2);
  }

  @Test
  void neverEjectsTheLastEndpointOfASmallCluster() {
    Cluster cluster = cluster(1, 50);
    OutlierDetector detector = detector(cluster, 50);
    Endpoint only = cluster.endpoints().all().get(0);

    fail(detector, only, AttemptOutcome.CONNECT_FAILURE, 10);

    assertThat(only.available()).isTrue();
  }

  @Test
  void anEjectionRefusedByTheShareCapKeepsTheGrowingPeriod() {
    Cluster cluster = cluster(2, 50);
    OutlierDetector detector = detector(cluster, 50);
    Endpoint e = cluster.endpoints().all().get(0);
    Endpoint other = cluster.endpoints().all().get(1);
    ejectAndEnd(cluster, detector, e);
    ejectAndEnd(cluster, detector, e);
    fail(detector, other, AttemptOutcome.SERVER_ERROR, 3);
    assertThat(other.ejected()).isTrue();

    // One base period later e fails again and again, but the cap holds it in rotation.
    offset.addAndGet(10 * SECOND);
    for (int i = 0; i < 5; i++) fail(detector, e, AttemptOutcome.SERVER_ERROR, 3);
    assertThat(e.ejected()).isFalse();
    cluster.unEject(other);

    // Two ejections, one forgiven: the next lasts 2 × base, however many times the cap refused it.
    assertThat(ejectAndEnd(cluster, detector, e)).isEqualTo(20);
  }

  @Test
  void ignoresAttemptsThatEndWhileTheEndpointIsEjected() {
    Cluster cluster = cluster(4, 50);
    OutlierDetector detector = detector(cluster, 50);
    Endpoint e = cluster.endpoints().all().get(0);
    fail(detector, e, AttemptOutcome.SERVER_ERROR, 3);

    fail(detector, e, AttemptOutcome.SERVER_ERROR, 2);
    cluster.unEject(e);
    detector.record(e, AttemptOutcome.SERVER_ERROR);

    assertThat(e.ejected()).isFalse();
  }

  /** Ejects {@code e} by 5xx responses, ends the ejection, and returns how long it was, in seconds. */
  private long ejectAndEnd(Cluster cluster, OutlierDetector detector, Endpoint e) {
    long before = clock();
    fail(detector, e, AttemptOutcome.SERVER_ERROR, 3);
    assertThat(e.ejected()).isTrue();
    long seconds = Math.round((e.ejectedUntilNanos() - before) / (double) SECOND);
    offset.addAndGet(e.ejectedUntilNanos() - clock());
    cluster.unEject(e);
    return seconds;
  }

  private static void fail(OutlierDetector detector, Endpoint e, AttemptOutcome outcome, int times) {
    for (int i = 0; i < times; i++) detector.record(e, outcome);
  }

  private long clock() {
    return System.nanoTime() + offset.get();
  }

  private OutlierDetector detector(Cluster cluster, int maxEjectionPercent) {
    return new OutlierDetector(cluster, outliers(maxEjectionPercent), this::clock);
  }

  private static OutlierDetectionConfig outliers(int maxEjectionPercent) {
    return new OutlierDetectionConfig(true, 3, 2, Duration.ofSeconds(10), Duration.ofSeconds(35), maxEjectionPercent);
  }

  private Cluster cluster(int endpoints, int maxEjectionPercent) {
    List<EndpointConfig> list = new ArrayList<>();
    for (int i = 1; i <= endpoints; i++) list.add(new EndpointConfig("10.0.0." + i + ":8080", null, null));
    ClusterConfig config = new ClusterConfig("orders", list, null, null, null, null, null, null, null, null,
        outliers(maxEjectionPercent), null, null, null);
    Cluster cluster = new Cluster(config, new RoundRobinBalancer(), new StaticDiscovery(list));
    cluster.start(vertx);
    clusters.add(cluster);
    return cluster;
  }
}
