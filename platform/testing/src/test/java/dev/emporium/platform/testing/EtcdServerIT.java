package dev.emporium.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class EtcdServerIT {

  @Test
  void keepsItsDataAndPortsAcrossAStopAndStart() {
    try (EtcdServer etcd = EtcdServer.start()) {
      long revision = etcd.put("/t/a", "one");
      int port = etcd.clientPort();

      etcd.stop();
      assertThat(etcd.isRunning()).isFalse();
      assertThatThrownBy(etcd::revision).isInstanceOf(UncheckedIOException.class);

      etcd.restart();
      assertThat(etcd.clientPort()).isEqualTo(port);
      assertThat(etcd.revision()).isEqualTo(revision);
      assertThat(value(etcd, "/t/a")).contains(EtcdServer.base64("one"));
    }
  }

  @Test
  void wipeStartsOverWithNoKeys() {
    try (EtcdServer etcd = EtcdServer.start()) {
      etcd.put("/t/a", "one");
      etcd.put("/t/b", "two");

      etcd.wipe();

      assertThat(etcd.revision()).isEqualTo(1);
      assertThat(value(etcd, "/t/a")).doesNotContain("kvs");
    }
  }

  @Test
  void deletesKeysOneByOneOrByPrefix() {
    try (EtcdServer etcd = EtcdServer.start()) {
      etcd.put("/t/a", "1");
      etcd.put("/t/b", "2");
      etcd.put("/u/c", "3");

      etcd.delete("/t/a");
      assertThat(value(etcd, "/t/a")).doesNotContain("kvs");
      etcd.deletePrefix("/t/");

      assertThat(value(etcd, "/t/b")).doesNotContain("kvs");
      assertThat(value(etcd, "/u/c")).contains(EtcdServer.base64("3"));
    }
  }

  @Test
  void serversOfDifferentTestsNeverShareAPortOrData() {
    try (EtcdServer one = EtcdServer.start(); EtcdServer two = EtcdServer.start()) {
      one.put("/t/a", "one");

      assertThat(one.clientPort()).isNotEqualTo(two.clientPort());
      assertThat(value(two, "/t/a")).doesNotContain("kvs");
    }
  }

  @Test
  void closedServerNoLongerAnswers() {
    EtcdServer etcd = EtcdServer.start();
    etcd.close();

    assertThat(etcd.isRunning()).isFalse();
    assertThatThrownBy(etcd::revision).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void rangeEndCoversExactlyTheKeysUnderAPrefix() {
    assertThat(EtcdServer.rangeEnd("/emporium/services/")).isEqualTo("/emporium/services0");
  }

  private static String value(EtcdServer etcd, String key) {
    return etcd.call("/v3/kv/range", "{\"key\":\"" + EtcdServer.base64(key) + "\"}");
  }
}
