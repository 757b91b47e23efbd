package dev.emporium.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresDatabasesTest {

  @Test
  void namesAreValidUnquotedIdentifiersWithinPostgresLimit() {
    String name = PostgresDatabases.newName("A Very Long Integration Test Class Name With Spaces IT");

    assertThat(name).matches("t_\\d{10}_[a-z0-9_]+").hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void twoDatabasesForTheSameClassHaveDifferentNames() {
    assertThat(PostgresDatabases.newName("SameIT")).isNotEqualTo(PostgresDatabases.newName("SameIT"));
  }
}
