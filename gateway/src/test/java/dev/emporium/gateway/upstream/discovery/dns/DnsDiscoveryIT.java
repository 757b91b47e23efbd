package dev.emporium.gateway.upstream.discovery.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.Dnsmasq;
import dev.emporium.gateway.testing.TestUpstream;
import dev.emporium.gateway.upstream.Discovery;
import dev.emporium.gateway.upstream.Discovery.Member;
import dev.emporium.gateway.upstream.EndpointAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dns discovery against a real dnsmasq whose records the tests change. */
class DnsDiscoveryIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private Vertx vertx;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<List<Member>> reports = new CopyOnWriteArrayList<>();
  private final List<Discovery> discoveries = new ArrayList<>();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    discoveries.forEach(Discovery::close);
    vertx.close().await();
  }

  @Test
  void reportsEveryAddressOfTheNameWithThePortWeightAndZoneOfTheSettings() {
    try (Dnsmasq dns = Dnsmasq.start()) {
      dns.hosts(Map.of("product", List.of("10.1.0.7", "10.1.0.5", "10.1.0.6")));

      start(dns, "name", "product." + Dnsmasq.DOMAIN, "port", "8082", "weight", "3", "zone", "eu-west-1a");

      List<Member> members = awaitReport(1);
      assertThat(members).containsExactlyInAnyOrder(
          member("10.1.0.5", 8082, 3, "eu-west-1a"),
          member("10.1.0.6", 8082, 3, "eu-west-1a"),
          member("10.1.0.7", 8082, 3, "eu-west-1a"));
    }
  }

  @Test
  void followsTheNameAsPodsComeAndGo() {
    try (Dnsmasq dns = Dnsmasq.start()) {
      dns.hosts(Map.of("cart", List.of("10.2.0.1")));
      start(dns, "name", "cart." + Dnsmasq.DOMAIN, "port", "8083", "interval", "100ms");
      assertThat(addresses(awaitReport(1))).containsExactly("10.2.0.1:8083");

      dns.hosts(Map.of("cart", List.of("10.2.0.1", "10.2.0.2", "10.2.0.3")));
      assertThat(addresses(awaitReport(2))).containsExactlyInAnyOrder("10.2.0.1:8083", "10.2.0.2:8083", "10.2.0.3:8083");

      dns.hosts(Map.of("cart", List.of("10.2.0.3")));
      assertThat(addresses(awaitReport(3))).containsExactly("10.2.0.3:8083");
    }
  }

  @Test
  void reportsOnlyChanges() throws InterruptedException {
    try (Dnsmasq dns = Dnsmasq.start()) {
      dns.hosts(Map.of("order", List.of("10.3.0.1", "10.3.0.2")));
      start(dns, "name", "order." + Dnsmasq.DOMAIN, "port", "8084", "interval", "50ms");
      awaitReport(1);

      TestUpstream.await(WAIT, () -> lookups("success") >= 10, "ten lookups");

      assertThat(reports).hasSize(1);
    }
  }

  @Test
  void keepsTheLastMembersWhileTheServerDoesNotAnswerAndCountsTheFailures() throws InterruptedException {
    try (Dnsmasq dns = Dnsmasq.start()) {
      dns.hosts(Map.of("payment", List.of("10.4.0.1", "10.4.0.2")));
      start(dns, "name", "payment." + Dnsmasq.DOMAIN, "port", "8085", "interval", "50ms", "timeout", "100ms");
      awaitReport(1);

      dns.stop();
      TestUpstream.await(WAIT, () -> lookups("failure") >= 3, "three failed lookups");
      assertThat(reports).hasSize(1);

      dns.hosts(Map.of("payment", List.of("10.4.0.2")));
      dns.restart();
      assertThat(addresses(awaitReport(2))).containsExactly("10.4.0.2:8085");
    }
  }

  @Test
  void reportsNoMembersWhenTheNameNoLongerExists() {
    try (Dnsmasq dns = Dnsmasq.start()) {
      dns.hosts(Map.of("shipping", List.of("10.5.0.1")));
      start(dns, "name", "shipping." + Dnsmasq.DOMAIN, "port", "8087", "interval", "100ms");
      awaitReport(1);

      dns.hosts(Map.of());

      assertThat(awaitReport(2)).isEmpty();
      assertThat(lookups("failure")).isZero();
    }
  }

  @Test
  void asksForTheRecordTypesOfTheSettings() {
    try (Dnsmasq dns = Dnsmasq.start()) {
      dns.hosts(Map.of("dual", List.of("10.6.0.1", "fd00::6:1")));

      start(dns, "name", "dual." + Dnsmasq.DOMAIN, "port", "8086", "records", "aaaa");
      List<Member> v6 = awaitReport(1);
      assertThat(v6).hasSize(1);
      assertThat(v6.getFirst().address()).isEqualTo(new EndpointAddress(v6.getFirst().address().host(), 8086));
      assertThat(v6.getFirst().address().host()).contains(":").endsWith("6:1");

      start(dns, "name", "dual." + Dnsmasq.DOMAIN, "port", "8086", "records", "a");
      assertThat(addresses(awaitReport(2))).containsExactly("10.6.0.1:8086");

      start(dns, "name", "dual." + Dnsmasq.DOMAIN, "port", "8086");
      assertThat(awaitReport(3)).hasSize(2);
    }
  }

  @Test
  void takesPortAndWeightFromSrvRecordsOfTheBestPriority() {
    String service = "_http._tcp.recommendation." + Dnsmasq.DOMAIN;
    try (Dnsmasq dns = Dnsmasq.start(List.of(
        service + ",pod-a." + Dnsmasq.DOMAIN + ",18090,0,20",
        service + ",pod-b." + Dnsmasq.DOMAIN + ",18091,0,10",
        service + ",backup." + Dnsmasq.DOMAIN + ",18092,1,10"))) {
      dns.hosts(Map.of("pod-a", List.of("10.7.0.1"), "pod-b", List.of("10.7.0.2"), "backup", List.of("10.7.0.3")));

      start(dns, "name", service, "records", "srv", "zone", "z1");

      assertThat(awaitReport(1)).containsExactlyInAnyOrder(
          member("10.7.0.1", 18090, 20, "z1"),
          member("10.7.0.2", 18091, 10, "z1"));
    }
  }

  @Test
  void asksTheNextServerWhenOneDoesNotAnswer() {
    try (Dnsmasq dead = Dnsmasq.start(); Dnsmasq dns = Dnsmasq.start()) {
      dead.stop();
      dns.hosts(Map.of("user", List.of("10.8.0.1")));

      start(dead.address() + "," + dns.address(), "name", "user." + Dnsmasq.DOMAIN, "port", "8081", "timeout", "200ms");

      assertThat(addresses(awaitReport(1))).containsExactly("10.8.0.1:8081");
    }
  }

  private void start(Dnsmasq dns, String... settings) {
    start(dns.address(), settings);
  }

  private void start(String servers, String... settings) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("servers", servers);
    for (int i = 0; i < settings.length; i += 2) map.put(settings[i], settings[i + 1]);
    DnsDiscovery discovery = new DnsDiscovery("test", DnsDiscoverySettings.parse(map), vertx, meters);
    discoveries.add(discovery);
    discovery.start(reports::add);
  }

  private List<Member> awaitReport(int count) {
    TestUpstream.await(WAIT, () -> reports.size() >= count, count + " report(s) of members; got " + reports);
    assertThat(reports).hasSize(count);
    return reports.get(count - 1);
  }

  private double lookups(String result) {
    var counter = meters.find("gateway.discovery.lookups").tags("cluster", "test", "result", result).counter();
    return counter == null ? 0 : counter.count();
  }

  private static Member member(String host, int port, int weight, String zone) {
    return new Member(new EndpointAddress(host, port), weight, zone);
  }

  private static List<String> addresses(List<Member> members) {
    return members.stream().map(m -> m.address().toString()).toList();
  }
}
