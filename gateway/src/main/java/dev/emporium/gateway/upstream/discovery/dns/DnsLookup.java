package dev.emporium.gateway.upstream.discovery.dns;

import dev.emporium.gateway.upstream.Discovery.Member;
import dev.emporium.gateway.upstream.EndpointAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;
import io.vertx.core.dns.SrvRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One lookup of a discovery's name, through Vert.x's DNS client: A and/or AAAA records with the
 * configured port, or SRV records whose targets are then resolved. Servers are asked in order; the
 * next one only when a server gives no usable answer (timeout, SERVFAIL, REFUSED). A name that does
 * not exist (NXDOMAIN) is an answer: it has no members.
 */
final class DnsLookup implements AutoCloseable {

  /**
   * What the lookup found.
   *
   * @param members sorted by address, each address once
   * @param ttlSeconds the smallest TTL among the records, when the client reports TTLs (SRV only)
   * @param truncated how many members beyond {@code maxMembers} were left out
   */
  record Answer(List<Member> members, OptionalLong ttlSeconds, int truncated) {}

  private static final Comparator<Member> BY_ADDRESS = Comparator
      .comparing((Member m) -> m.address().host()).thenComparingInt(m -> m.address().port());

  private final DnsDiscoverySettings settings;
  private final List<DnsClient> clients = new ArrayList<>();

  DnsLookup(Vertx vertx, DnsDiscoverySettings settings) {
    this.settings = settings;
    long timeout = settings.timeout().toMillis();
    if (settings.servers().isEmpty()) {
      // Without host and port the client asks the servers Vert.x resolves host names with: those of /etc/resolv.conf.
      clients.add(vertx.createDnsClient(new DnsClientOptions().setQueryTimeout(timeout)));
    } else {
      for (EndpointAddress server : settings.servers()) {
        clients.add(vertx.createDnsClient(new DnsClientOptions()
            .setHost(server.host()).setPort(server.port()).setQueryTimeout(timeout)));
      }
    }
  }

  Future<Answer> lookup() {
    return lookupFrom(0);
  }

  private Future<Answer> lookupFrom(int index) {
    return lookupOn(clients.get(index)).recover(failure -> {
      if (index + 1 < clients.size()) return lookupFrom(index + 1);
      return Future.failedFuture(failure);
    });
  }

  private Future<Answer> lookupOn(DnsClient client) {
    if (settings.records() == DnsDiscoverySettings.Records.SRV) return srv(client);
    return addresses(client, settings.name(), settings.records()).map(hosts -> {
      List<Member> members = new ArrayList<>();
      for (String host : hosts) {
        members.add(new Member(new EndpointAddress(host, settings.port()), settings.weight(), settings.zone()));
      }
      return answer(members, OptionalLong.empty());
    });
  }

  private Future<Answer> srv(DnsClient client) {
    return orNone(client.resolveSRV(settings.name())).compose(records -> {
      // Lower priority values are preferred; higher ones are backups for when those are gone.
      int best = records.stream().mapToInt(SrvRecord::priority).min().orElse(0);
      List<SrvRecord> chosen = records.stream().filter(r -> r.priority() == best).toList();
      OptionalLong ttl = records.stream().mapToLong(SrvRecord::ttl).min();
      Map<String, Future<List<String>>> targets = new LinkedHashMap<>();
      for (SrvRecord record : chosen) {
        targets.computeIfAbsent(record.target(), target -> addresses(client, target, DnsDiscoverySettings.Records.ANY));
      }
      return Future.all(new ArrayList<>(targets.values())).map(done -> {
        List<Member> members = new ArrayList<>();
        for (SrvRecord record : chosen) {
          int weight = Math.max(1, Math.min(1000, record.weight()));
          for (String host : targets.get(record.target()).result()) {
            members.add(new Member(new EndpointAddress(host, record.port()), weight, settings.zone()));
          }
        }
        return answer(members, ttl);
      });
    });
  }

  private static Future<List<String>> addresses(DnsClient client, String name, DnsDiscoverySettings.Records records) {
    return switch (records) {
      case A -> orNone(client.resolveA(name));
      case AAAA -> orNone(client.resolveAAAA(name));
      default -> {
        Future<List<String>> v4 = orNone(client.resolveA(name));
        Future<List<String>> v6 = orNone(client.resolveAAAA(name));
        yield Future.all(v4, v6).map(done -> {
          List<String> all = new ArrayList<>(v4.result());
          all.addAll(v6.result());
          return all;
        });
      }
    };
  }

  /** NXDOMAIN as an empty answer; every other failure stays a failure. */
  private static <T> Future<List<T>> orNone(Future<List<T>> query) {
    return query.recover(failure -> failure instanceof DnsException e && e.code() == DnsResponseCode.NXDOMAIN
        ? Future.succeededFuture(List.of())
        : Future.failedFuture(failure));
  }

  private Answer answer(List<Member> found, OptionalLong ttl) {
    Map<EndpointAddress, Member> unique = new LinkedHashMap<>();
    found.stream().sorted(BY_ADDRESS).forEach(m -> unique.putIfAbsent(m.address(), m));
    List<Member> members = new ArrayList<>(unique.values());
    int truncated = Math.max(0, members.size() - settings.maxMembers());
    if (truncated > 0) members = members.subList(0, settings.maxMembers());
    return new Answer(List.copyOf(members), ttl, truncated);
  }

  @Override
  public void close() {
    clients.forEach(DnsClient::close);
  }
}
