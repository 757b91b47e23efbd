package dev.emporium.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each region's overlay renders over the base and still passes every check, with its region applied. */
class OverlaysTest {

  private static final Repository REPO = Repository.here();
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-1");

  @Test
  void thereIsAnOverlayForEachOfTheSpecsRegions() throws IOException {
    try (var dirs = Files.list(REPO.kubernetes().resolve("overlays"))) {
      assertThat(dirs.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(REGIONS);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"us-east-1", "eu-west-1", "ap-southeast-1"})
  void rendersAndPassesEveryCheck(String region) {
    Manifests overlay = Manifests.render(overlay(region));

    assertThat(overlay.all()).hasSameSizeAs(Manifests.render(REPO.kubernetes().resolve("base")).all());
    assertThat(ManifestChecks.selectors(overlay)).isEmpty();
    assertThat(ManifestChecks.ports(overlay, REPO)).isEmpty();
    assertThat(ManifestChecks.probes(overlay)).isEmpty();
    assertThat(ManifestChecks.resources(overlay)).isEmpty();
    assertThat(ManifestChecks.autoscalers(overlay)).isEmpty();
    assertThat(ManifestChecks.disruptionBudgets(overlay)).isEmpty();
    assertThat(ManifestChecks.networkPolicies(overlay)).isEmpty();
    assertThat(ManifestChecks.environment(overlay, REPO)).isEmpty();
    assertThat(ManifestChecks.commands(overlay, REPO)).isEmpty();
    assertThat(ManifestChecks.gatewayConfig(overlay)).isEmpty();
    assertThat(ManifestChecks.gatewayRoutes(overlay, REPO)).isEmpty();
    assertThat(ManifestChecks.knownFields(overlay)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"us-east-1", "eu-west-1", "ap-southeast-1"})
  void labelsKeepsAndTagsEverythingWithItsRegion(String region) {
    assertThat(ManifestChecks.region(Manifests.render(overlay(region)), region)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"us-east-1", "eu-west-1", "ap-southeast-1"})
  void pointsTheServicesAtTheRegionsOwnEngines(String region) {
    ConfigMap engines = Manifests.render(overlay(region)).named(ConfigMap.class, "engines");

    assertThat(engines.getData().get("postgres-host")).contains(region);
    assertThat(engines.getData().get("rabbitmq-host")).contains(region);
    assertThat(engines.getData().get("kafka-bootstrap-servers").split(",")).hasSize(3).allMatch(s -> s.contains(region));
  }

  private static Path overlay(String region) {
    return REPO.kubernetes().resolve("overlays").resolve(region);
  }
}
