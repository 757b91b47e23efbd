package dev.emporium.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each check finds the mistake in a copy of the base manifests broken on purpose. */
class BrokenManifestsTest {

  private static final Repository REPO = Repository.here();
  private static final Manifests BASE = Manifests.render(REPO.kubernetes().resolve("base"));

  private static Manifests broken(Consumer<Manifests> breakIt) {
    Manifests copy = BASE.copy();
    breakIt.accept(copy);
    return copy;
  }

  private static Container container(Manifests m, String deployment) {
    return Manifests.containers(m.named(Deployment.class, deployment)).getFirst();
  }

  private static EnvVar env(Manifests m, String deployment, String name) {
    return container(m, deployment).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aSelectorThatMissesItsOwnPodsIsFound() {
    Manifests m = broken(c -> c.named(Deployment.class, "order").getSpec().getSelector().getMatchLabels()
        .put("app.kubernetes.io/name", "orders"));
    assertThat(ManifestChecks.selectors(m)).anySatisfy(p -> assertThat(p).startsWith("Deployment order: selector")
        .contains("does not select its pod template's labels"));
  }

  @Test
  void podsNoServiceSelectsAreFound() {
    Manifests m = broken(c -> c.named(Service.class, "inventory").getSpec().getSelector()
        .put("app.kubernetes.io/name", "stock"));
    assertThat(ManifestChecks.selectors(m)).contains(
        "Deployment inventory: no Service selects its pods " + Manifests.podLabels(m.named(Deployment.class, "inventory")),
        "Service inventory: selector {app.kubernetes.io/name=stock} selects no Deployment's pods");
  }

  @Test
  void aContainerPortOtherThanServerPortIsFound() {
    Manifests m = broken(c -> container(c, "product").getPorts().getFirst().setContainerPort(8000));
    assertThat(ManifestChecks.ports(m, REPO))
        .contains("Deployment product: container port 'http' is 8000 but the code listens on 8082");
  }

  @Test
  void aGrpcPortOtherThanTheServicesIsFound() {
    Manifests m = broken(c -> container(c, "product").getPorts().get(1).setContainerPort(9090));
    assertThat(ManifestChecks.ports(m, REPO))
        .contains("Deployment product: container port 'grpc' is 9090 but the code listens on 9082");
  }

  @Test
  void aProbeOnAnotherPortIsFound() {
    Manifests m = broken(c -> container(c, "gateway").getReadinessProbe().getHttpGet().setPort(new IntOrString("http")));
    assertThat(ManifestChecks.ports(m, REPO)).contains("Deployment gateway: readiness probe port http is not the admin port 9901");
  }

  @Test
  void aHeadlessServiceOnAnotherPortThanItsPodsIsFound() {
    Manifests m = broken(c -> c.named(Service.class, "cart").getSpec().getPorts().getFirst().setPort(80));
    assertThat(ManifestChecks.ports(m, REPO))
        .contains("Service cart: headless, so its port 80 must be the container's port 8083");
  }

  @Test
  void aLauncherServiceWithoutDeploymentIsFound() {
    Manifests m = broken(c -> c.all().remove(c.named(Deployment.class, "shipping")));
    assertThat(ManifestChecks.ports(m, REPO)).contains("the launcher's service 'shipping' has no Deployment");
  }

  @Test
  void aProbeOnAnotherPathIsFound() {
    Manifests m = broken(c -> container(c, "user").getReadinessProbe().getHttpGet().setPath("/actuator/health"));
    assertThat(ManifestChecks.probes(m))
        .containsExactly("Deployment user container user: readiness probe path is /actuator/health, not /health/ready");
  }

  @Test
  void aMissingLivenessProbeIsFound() {
    Manifests m = broken(c -> container(c, "analytics").setLivenessProbe(null));
    assertThat(ManifestChecks.probes(m)).containsExactly("Deployment analytics container analytics: no HTTP liveness probe");
  }

  @Test
  void aContainerWithoutMemoryRequestIsFound() {
    Manifests m = broken(c -> container(c, "payment").getResources().getRequests().remove("memory"));
    assertThat(ManifestChecks.resources(m)).containsExactly("Deployment payment container payment: no memory request");
  }

  @Test
  void anAutoscalerOffTheSpecsNumbersIsFound() {
    Manifests m = broken(c -> c.named(HorizontalPodAutoscaler.class, "product").getSpec().setMaxReplicas(20));
    assertThat(ManifestChecks.autoscalers(m)).singleElement()
        .satisfies(p -> assertThat(p).startsWith("HorizontalPodAutoscaler product: the spec says 5-30 pods at 60 % cpu; it has 5-20"));
  }

  @Test
  void anAutoscalerOfAMissingDeploymentIsFound() {
    Manifests m = broken(c -> c.named(HorizontalPodAutoscaler.class, "cart").getSpec().getScaleTargetRef().setName("carts"));
    assertThat(ManifestChecks.autoscalers(m)).contains(
        "HorizontalPodAutoscaler cart: scales Deployment carts, which is no Deployment (apps/v1) here",
        "Deployment cart: the spec scales it, but no HorizontalPodAutoscaler does");
  }

  @Test
  void replicasBesideAnAutoscalerAreFound() {
    Manifests m = broken(c -> c.named(Deployment.class, "user").getSpec().setReplicas(2));
    assertThat(ManifestChecks.autoscalers(m)).singleElement().satisfies(p -> assertThat(p)
        .startsWith("Deployment user: sets replicas, which its HorizontalPodAutoscaler owns"));
  }

  @Test
  void aDisruptionBudgetSelectingNothingIsFound() {
    Manifests m = broken(c -> c.named(PodDisruptionBudget.class, "recommendation").getSpec().getSelector().getMatchLabels()
        .put("app.kubernetes.io/name", "recommendations"));
    assertThat(ManifestChecks.disruptionBudgets(m)).containsExactly(
        "PodDisruptionBudget recommendation: selects no Deployment's pods",
        "Deployment recommendation: no PodDisruptionBudget covers its pods");
  }

  @Test
  void aDisruptionBudgetThatBlocksDrainsIsFound() {
    Manifests m = broken(c -> {
      var spec = c.named(PodDisruptionBudget.class, "psp-simulator").getSpec();
      spec.setMaxUnavailable(null);
      spec.setMinAvailable(new IntOrString(1));
    });
    assertThat(ManifestChecks.disruptionBudgets(m))
        .containsExactly("PodDisruptionBudget psp-simulator: minAvailable 1 of 1 replicas of psp-simulator blocks every node drain");
  }

  @Test
  void aNetworkPolicySelectingNothingIsFound() {
    Manifests m = broken(c -> c.named(NetworkPolicy.class, "gateway").getSpec().getPodSelector().getMatchLabels()
        .put("app.kubernetes.io/component", "edge"));
    assertThat(ManifestChecks.networkPolicies(m)).containsExactly("NetworkPolicy gateway: selects no Deployment's pods");
  }

  @Test
  void aPasswordWrittenInTheManifestIsFound() {
    Manifests m = broken(c -> {
      EnvVar password = env(c, "order", "SPRING_DATASOURCE_PASSWORD");
      password.setValueFrom(null);
      password.setValue("hunter2");
    });
    assertThat(ManifestChecks.environment(m, REPO))
        .containsExactly("Deployment order container order: SPRING_DATASOURCE_PASSWORD carries a secret but is not taken from a Secret");
  }

  @Test
  void aSettingLeftPointingAtTheLocalMachineIsFound() {
    Manifests m = broken(c -> container(c, "payment").getEnv().removeIf(e -> e.getName().equals("EMPORIUM_PAYMENT_PROCESSOR_URL")));
    assertThat(ManifestChecks.environment(m, REPO)).containsExactly("Deployment payment container payment: "
        + "emporium.payment.processor.url=http://127.0.0.1:8099 points at the local machine and no EMPORIUM_PAYMENT_PROCESSOR_URL overrides it");
  }

  @Test
  void anotherServicesDatabaseIsFound() {
    Manifests m = broken(c -> env(c, "payment", "SPRING_DATASOURCE_URL")
        .setValue("jdbc:postgresql://$(POSTGRES_HOST):$(POSTGRES_PORT)/orders"));
    assertThat(ManifestChecks.environment(m, REPO))
        .containsExactly("Deployment payment container payment: SPRING_DATASOURCE_URL must name the service's own database 'payments'");
  }

  @Test
  void aMissingConfigMapKeyAndAnUndocumentedSecretAreFound() {
    Manifests m = broken(c -> {
      env(c, "shipping", "POSTGRES_HOST").getValueFrom().getConfigMapKeyRef().setKey("postgres-hostname");
      env(c, "shipping", "SPRING_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().setName("shipping-db");
    });
    assertThat(ManifestChecks.environment(m, REPO)).containsExactly(
        "Deployment shipping container shipping: POSTGRES_HOST reads key 'postgres-hostname' of ConfigMap engines, which does not exist",
        "Deployment shipping container shipping: SPRING_DATASOURCE_PASSWORD reads Secret shipping-db key password, which docs/kubernetes.md does not list");
  }

  @Test
  void aVariableUsedBeforeItIsDefinedIsFound() {
    Manifests m = broken(c -> {
      var envs = container(c, "inventory").getEnv();
      envs.add(envs.removeFirst());
    });
    assertThat(ManifestChecks.environment(m, REPO))
        .contains("Deployment inventory container inventory: SPRING_DATASOURCE_URL refers to $(POSTGRES_HOST), not defined before it");
  }

  @Test
  void aServiceTheLauncherDoesNotKnowIsFound() {
    Manifests m = broken(c -> container(c, "recommendation").getArgs().set(1, "recommendations"));
    assertThat(ManifestChecks.commands(m, REPO)).singleElement()
        .satisfies(p -> assertThat(p).startsWith("Deployment recommendation: 'service recommendations' is no service of the launcher"));
  }

  @Test
  void aGatewayConfigFileOutsideItsConfigMapIsFound() {
    Manifests m = broken(c -> container(c, "gateway").getArgs().set(2, "/etc/emporium/gateway.yaml"));
    assertThat(ManifestChecks.commands(m, REPO)).containsExactly(
        "Deployment gateway: [gateway, --config, /etc/emporium/gateway.yaml] names no file of a ConfigMap the pod mounts");
  }

  @Test
  void aGatewayConfigurationTheGatewayRefusesIsFound() {
    Manifests m = broken(c -> gatewayYaml(c, yaml -> yaml.replace("name: product.emporium.svc.cluster.local, port: 8082",
        "name: product.emporium.svc.cluster.local, port: 80820")));
    assertThat(ManifestChecks.gatewayConfig(m)).anySatisfy(p -> assertThat(p)
        .contains("clusters[1].discovery.settings.port: must be 1-65535, is 80820"));
  }

  @Test
  void aVariableTheGatewayConfigurationNeedsButItsPodLacksIsFound() {
    Manifests m = broken(c -> container(c, "gateway").getEnv().removeIf(e -> e.getName().equals("EMPORIUM_ADMIN_TOKEN")));
    assertThat(ManifestChecks.gatewayConfig(m)).singleElement().satisfies(p -> assertThat(p).contains("EMPORIUM_ADMIN_TOKEN"));
  }

  @Test
  void aDnsClusterOnANameThatIsNoHeadlessServiceIsFound() {
    Manifests m = broken(c -> {
      c.named(Service.class, "order").getSpec().setClusterIP(null);
      gatewayYaml(c, yaml -> yaml.replace("name: shipping.emporium.svc.cluster.local", "name: shipment.emporium.svc.cluster.local"));
    });
    assertThat(ManifestChecks.gatewayConfig(m)).containsExactly(
        "gateway cluster order: Service order is not headless, so its name resolves to one virtual address, not to the pods",
        "gateway cluster shipping: shipment.emporium.svc.cluster.local is no Service of namespace emporium");
  }

  @Test
  void aRouteOrPolicyThatDriftedFromPlatformYamlIsFound() {
    Manifests m = broken(c -> gatewayYaml(c, yaml -> yaml
        .replace("- cache: {ttl: 5m}", "- cache: {ttl: 50m}")
        .replace("match: {path: /api/analytics/**, methods: [GET, HEAD]}", "match: {path: /api/analytics/**}")));
    assertThat(ManifestChecks.gatewayRoutes(m, REPO)).containsExactly(
        "gateway route product: policy cache has other settings than in platform.yaml",
        "gateway route analytics: differs from platform.yaml beyond its policies");
  }

  @Test
  void aFieldKubernetesDoesNotKnowIsFound() {
    Manifests m = broken(c -> container(c, "cart").setAdditionalProperty("readinesProbe", Map.of("httpGet", Map.of())));
    assertThat(ManifestChecks.knownFields(m)).singleElement()
        .satisfies(p -> assertThat(p).startsWith("Deployment cart.spec.template.spec.containers[0]").endsWith("unknown field(s) [readinesProbe]"));
  }

  @Test
  void aMisspeltFieldInAManifestFileIsFound() {
    String yaml = """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPrt: http}]
        """;
    Manifests m = Manifests.of(Kustomize.parseAll(yaml, "web.yaml").stream().map(n -> (tools.jackson.databind.node.ObjectNode) n).toList());
    assertThat(ManifestChecks.knownFields(m)).containsExactly("Service web.spec.ports[0]: unknown field(s) [targetPrt]");
  }

  @Test
  void manifestsWithoutTheRegionAreFound() {
    assertThat(ManifestChecks.region(BASE, "us-east-1"))
        .contains("Deployment gateway: its pods may run outside us-east-1", "Deployment order: its metrics are not tagged region=us-east-1")
        .anySatisfy(p -> assertThat(p).isEqualTo("Namespace emporium: not labelled emporium.dev/region=us-east-1"));
  }

  private static void gatewayYaml(Manifests m, java.util.function.UnaryOperator<String> change) {
    ConfigMap config = m.named(ConfigMap.class, "gateway-config");
    String before = config.getData().get("gateway.yaml");
    String after = change.apply(before);
    assertThat(after).as("the change applies").isNotEqualTo(before);
    config.getData().put("gateway.yaml", after);
  }
}
