package dev.emporium.platform.service.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.platform.service.problem.ProblemException;
import org.junit.jupiter.api.Test;

class CallerTest {

  @Test
  void parsesListsSeparatedByCommasOrWhitespace() {
    assertThat(Caller.parseList(" a, b  c,,d ")).containsExactlyInAnyOrder("a", "b", "c", "d");
    assertThat(Caller.parseList(null)).isEmpty();
  }

  @Test
  void rolesCompareCaseInsensitively() {
    assertThat(Caller.of("u", "ADMIN").isAdmin()).isTrue();
  }

  @Test
  void anonymousIsNobody() {
    assertThat(Caller.anonymous().isAuthenticated()).isFalse();
    assertThat(Caller.anonymous().is(null)).isFalse();
  }

  @Test
  void ownerOrAdminHidesOthersResourcesAsNotFound() {
    assertThatThrownBy(() -> Access.requireOwnerOrAdmin(Caller.of("bob"), "alice", "order 1"))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(404));
    Access.requireOwnerOrAdmin(Caller.of("alice"), "alice", "order 1");
    Access.requireOwnerOrAdmin(Caller.of("root", "admin"), "alice", "order 1");
  }

  @Test
  void adminOnlyDistinguishesAnonymousFromForbidden() {
    assertThatThrownBy(() -> Access.requireAdmin(Caller.anonymous()))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(401));
    assertThatThrownBy(() -> Access.requireAdmin(Caller.of("u", "customer")))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(403));
  }
}
