package dev.emporium.gateway.policy;

import dev.emporium.gateway.problem.Problem;

/**
 * A {@link ClusterCalls} call that got no usable response. Its {@link #problem()} is the one the
 * gateway would answer a forwarded request with in the same situation (503 no endpoint, breaker
 * open or overloaded; 502 unreachable or a body over the limit; 504 timeout), so a policy can pass
 * it on or build its own from it.
 */
public final class ClusterCallException extends RuntimeException {

  private final Problem problem;

  public ClusterCallException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
