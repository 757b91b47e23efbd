package dev.emporium.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rendered set of manifests as Kubernetes' object model (fabric8): what the checks read. A test
 * that needs a broken manifest takes a {@link #copy()} and changes it.
 */
final class Manifests {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final List<HasMetadata> resources;

  private Manifests(List<HasMetadata> resources) {
    this.resources = resources;
  }

  static Manifests of(List<ObjectNode> rendered) {
    return new Manifests(rendered.stream().map(node -> {
      HasMetadata resource = SERIALIZATION.unmarshal(node.toString(), HasMetadata.class);
      if (resource.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model") == false
          || resource instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource) {
        throw new IllegalArgumentException(Kustomize.describe(node) + ": not a kind of Kubernetes' own API ("
            + node.path("apiVersion").asString() + ")");
      }
      return resource;
    }).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new)));
  }

  static Manifests render(Path kustomization) {
    return of(Kustomize.render(kustomization));
  }

  /** A deep copy whose objects may be changed without touching this set. */
  Manifests copy() {
    return new Manifests(new java.util.ArrayList<>(resources.stream().map(SERIALIZATION::clone).toList()));
  }

  List<HasMetadata> all() {
    return resources;
  }

  <T extends HasMetadata> List<T> ofKind(Class<T> kind) {
    return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> T named(Class<T> kind, String name) {
    return ofKind(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " named " + name));
  }

  <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
    return ofKind(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
  }

  List<Deployment> deployments() {
    return ofKind(Deployment.class);
  }

  List<Service> services() {
    return ofKind(Service.class);
  }

  List<ConfigMap> configMaps() {
    return ofKind(ConfigMap.class);
  }

  List<HorizontalPodAutoscaler> autoscalers() {
    return ofKind(HorizontalPodAutoscaler.class);
  }

  List<PodDisruptionBudget> disruptionBudgets() {
    return ofKind(PodDisruptionBudget.class);
  }

  List<NetworkPolicy> networkPolicies() {
    return ofKind(NetworkPolicy.class);
  }

  static PodTemplateSpec template(Deployment d) {
    return d.getSpec().getTemplate();
  }

  static Map<String, String> podLabels(Deployment d) {
    Map<String, String> labels = template(d).getMetadata() == null ? null : template(d).getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  static List<Container> containers(Deployment d) {
    return template(d).getSpec().getContainers();
  }

  /** The service a Deployment runs ({@code service NAME}), or empty for the gateway. */
  static Optional<String> serviceName(Deployment d) {
    List<String> args = containers(d).getFirst().getArgs();
    return args != null && args.size() == 2 && args.get(0).equals("service") ? Optional.of(args.get(1)) : Optional.empty();
  }

  static boolean isGateway(Deployment d) {
    List<String> args = containers(d).getFirst().getArgs();
    return args != null && !args.isEmpty() && args.getFirst().equals("gateway");
  }
}
