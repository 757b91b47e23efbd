package dev.emporium.gateway.upstream.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.config.DiscoveryConfig;
import dev.emporium.platform.testing.EtcdServer;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JSON-gateway calls discovery relies on, against a real etcd. */
class EtcdClientIT {

  private static EtcdSettings settings(EtcdServer etcd) {
    return EtcdSettings.of(new ClusterConfig("c", List.of(),
        new DiscoveryConfig("etcd", Map.of("endpoints", etcd.address())), null, null, null, null, null, null, null,
        null, null, null, null));
  }

  @Test
  void listsTheKeysOfADirectoryWithTheRevisionTheyWereReadAt() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (EtcdServer etcd = EtcdServer.start()) {
      etcd.put("/d/a", "1");
      long revision = etcd.put("/d/b", "2");
      etcd.put("/e/c", "3");
      EtcdSettings settings = settings(etcd);
      EtcdClient client = new EtcdClient(vertx, settings, "c");

      EtcdClient.Listing listing = client.range(settings.endpoints().get(0), "/d/")
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

      assertThat(listing.revision()).isEqualTo(revision + 1);
      assertThat(listing.keys()).extracting(EtcdClient.KeyValue::key).containsExactly("/d/a", "/d/b");
      assertThat(new String(listing.keys().get(1).value(), StandardCharsets.UTF_8)).isEqualTo("2");
      assertThat(listing.keys().get(1).modRevision()).isEqualTo(revision);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void aWatchFromACompactedRevisionIsCanceledWithTheCompactRevision() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (EtcdServer etcd = EtcdServer.start()) {
      long old = etcd.put("/d/a", "1");
      etcd.put("/d/a", "2");
      long compacted = etcd.compact();
      EtcdSettings settings = settings(etcd);
      EtcdClient client = new EtcdClient(vertx, settings, "c");
      CompletableFuture<Long> canceled = new CompletableFuture<>();

      client.watch(settings.endpoints().get(0), "/d/", old, new EtcdClient.WatchListener() {
        @Override
        public void events(List<EtcdClient.Event> events, long revision) {
          canceled.completeExceptionally(new AssertionError("events from a compacted revision: " + events));
        }

        @Override
        public void canceled(long compactRevision, String reason) {
          canceled.complete(compactRevision);
        }

        @Override
        public void failed(Throwable cause) {
          canceled.completeExceptionally(cause);
        }
      });

      assertThat(canceled.get(5, TimeUnit.SECONDS)).isEqualTo(compacted);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void aWatchReportsPutsAndDeletesWithTheirRevisions() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (EtcdServer etcd = EtcdServer.start()) {
      EtcdSettings settings = settings(etcd);
      EtcdClient client = new EtcdClient(vertx, settings, "c");
      List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

      client.watch(settings.endpoints().get(0), "/d/", etcd.revision() + 1, new EtcdClient.WatchListener() {
        @Override
        public void events(List<EtcdClient.Event> events, long revision) {
          for (EtcdClient.Event e : events) {
            seen.add((e.deleted() ? "delete " : "put ") + e.key() + "@" + e.modRevision()
                + (e.deleted() ? "" : "=" + new String(e.value(), StandardCharsets.UTF_8)));
          }
        }

        @Override
        public void canceled(long compactRevision, String reason) {
          seen.add("canceled");
        }

        @Override
        public void failed(Throwable cause) {
          seen.add("failed " + cause);
        }
      }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      long put = etcd.put("/d/a", "1");
      etcd.put("/x/b", "2");
      long delete = etcd.delete("/d/a");

      EtcdDiscoveryIT.await(() -> seen.size() >= 2, "two events, saw " + seen);
      assertThat(seen).containsExactly("put /d/a@" + put + "=1", "delete /d/a@" + delete);
    } finally {
      vertx.close().await();
    }
  }
}
