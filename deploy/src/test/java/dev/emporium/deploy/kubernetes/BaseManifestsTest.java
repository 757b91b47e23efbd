package dev.emporium.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes/base, rendered as kubectl kustomize would, passes every check. */
class BaseManifestsTest {

  private static final Repository REPO = Repository.here();
  private static final Manifests BASE = Manifests.render(REPO.kubernetes().resolve("base"));

  @Test
  void deploysTheGatewayAndEveryServiceOfTheLauncher() {
    List<String> expected = new ArrayList<>(REPO.launcherServices().keySet());
    expected.add("gateway");
    assertThat(BASE.deployments()).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void putsEveryObjectInNamespaceEmporium() {
    assertThat(BASE.find(Namespace.class, "emporium")).isPresent();
    assertThat(BASE.all()).filteredOn(r -> !(r instanceof Namespace))
        .extracting(r -> r.getMetadata().getNamespace()).containsOnly("emporium");
  }

  @Test
  void everyDeploymentSelectsItsPodsAndSomeServiceSelectsThem() {
    assertThat(ManifestChecks.selectors(BASE)).isEmpty();
  }

  @Test
  void portsAndProbePortsAreThoseTheCodeListensOn() {
    assertThat(ManifestChecks.ports(BASE, REPO)).isEmpty();
  }

  @Test
  void probesAskHealthReadyAndHealthLive() {
    assertThat(ManifestChecks.probes(BASE)).isEmpty();
  }

  @Test
  void everyContainerRequestsCpuAndMemory() {
    assertThat(ManifestChecks.resources(BASE)).isEmpty();
  }

  @Test
  void autoscalersHaveTheSpecsNumbers() {
    assertThat(ManifestChecks.autoscalers(BASE)).isEmpty();
    assertThat(BASE.autoscalers()).hasSize(4);
  }

  @Test
  void disruptionBudgetsCoverEveryDeployment() {
    assertThat(ManifestChecks.disruptionBudgets(BASE)).isEmpty();
  }

  @Test
  void networkPoliciesSelectPodsAndTheirPorts() {
    assertThat(ManifestChecks.networkPolicies(BASE)).isEmpty();
  }

  @Test
  void environmentPointsEveryServiceAtItsEnginesWithSecretsFromSecrets() {
    assertThat(ManifestChecks.environment(BASE, REPO)).isEmpty();
  }

  @Test
  void everyDeploymentRunsTheLauncherImageAsServiceOrGateway() {
    assertThat(ManifestChecks.commands(BASE, REPO)).isEmpty();
  }

  @Test
  void gatewayConfigurationPassesTheGatewaysOwnValidatorAndFindsPodsThroughHeadlessServices() {
    assertThat(ManifestChecks.gatewayConfig(BASE)).isEmpty();
  }

  @Test
  void gatewayConfigurationRoutesAsPlatformYamlDoes() {
    assertThat(ManifestChecks.gatewayRoutes(BASE, REPO)).isEmpty();
  }

  @Test
  void everyFieldIsOneKubernetesKnows() {
    assertThat(ManifestChecks.knownFields(BASE)).isEmpty();
  }

  @Test
  void servicesTheGatewayBalancesAreHeadless() {
    List<String> headless = BASE.services().stream().filter(s -> "None".equals(s.getSpec().getClusterIP()))
        .map(HasMetadata::getMetadata).map(md -> md.getName()).toList();
    assertThat(headless).containsExactlyInAnyOrder("user", "product", "cart", "order", "payment", "inventory", "shipping",
        "analytics", "recommendation");
    assertThat(BASE.named(Deployment.class, "product").getSpec().getReplicas()).isNull();
  }
}
