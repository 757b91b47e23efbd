package dev.emporium.gateway.policy.auth.ipfilter;

import dev.emporium.gateway.edge.Cidr;
import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.policy.auth.AuthDecisions;
import dev.emporium.gateway.policy.auth.AuthOutcome;
import dev.emporium.gateway.policy.auth.Refusals;
import io.vertx.core.Future;
import java.util.List;

/**
 * The {@code ip-filter} policy: allow and deny lists applied to the client's address as the
 * gateway resolved it (the peer, or the right-most untrusted hop of X-Forwarded-For when the peer
 * is a trusted proxy), never to a header a client could set.
 */
public final class IpFilterPolicyFactory implements PolicyFactory<IpFilterConfig> {

  @Override
  public String name() {
    return "ip-filter";
  }

  @Override
  public Class<IpFilterConfig> configType() {
    return IpFilterConfig.class;
  }

  @Override
  public Policy create(IpFilterConfig config, PolicyContext context) {
    return new IpFilter(config.allow().stream().map(Cidr::parse).toList(),
        config.deny().stream().map(Cidr::parse).toList(),
        new AuthDecisions(context.meters(), context.routeName(), name()));
  }

  static final class IpFilter implements Policy {
    private final List<Cidr> allow;
    private final List<Cidr> deny;
    private final AuthDecisions decisions;

    IpFilter(List<Cidr> allow, List<Cidr> deny, AuthDecisions decisions) {
      this.allow = allow;
      this.deny = deny;
      this.decisions = decisions;
    }

    @Override
    public Future<ProxyResponse> onRequest(Exchange exchange) {
      if (!admits(Cidr.parseAddress(exchange.clientAddress()))) {
        decisions.count(AuthOutcome.IP_DENIED);
        return Refusals.refuse(exchange, AuthOutcome.IP_DENIED, null, null, null);
      }
      decisions.count(AuthOutcome.ALLOWED);
      return exchange.proceed();
    }

    /** An address that cannot be read is refused: nothing can be said to allow it. */
    boolean admits(byte[] address) {
      if (address == null) return false;
      for (Cidr range : deny) {
        if (range.contains(address)) return false;
      }
      if (allow.isEmpty()) return true;
      for (Cidr range : allow) {
        if (range.contains(address)) return true;
      }
      return false;
    }
  }
}
