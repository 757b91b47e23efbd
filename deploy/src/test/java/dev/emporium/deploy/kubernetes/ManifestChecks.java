package dev.emporium.deploy.kubernetes;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.config.ConfigException;
import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.config.ConfigValidator;
import dev.emporium.gateway.config.GatewayConfig;
import dev.emporium.gateway.config.LoadedConfig;
import dev.emporium.gateway.config.PolicyConfig;
import dev.emporium.gateway.config.RouteConfig;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks the manifests must pass, each a function from a rendered set to the problems found
 * (empty when there are none), so that a test can run a check on the real manifests and on a copy
 * broken on purpose. Every problem names the object it is about.
 */
final class ManifestChecks {

  /** The spec's autoscaling (system-design-notes, "Scaling Configuration"): pods and target utilisation. */
  record Scaling(int min, int max, String resource, int utilization) {}

  static final Map<String, Scaling> SPEC_SCALING = Map.of(
      "user", new Scaling(2, 20, "cpu", 70),
      "product", new Scaling(5, 30, "cpu", 60),
      "order", new Scaling(3, 15, "cpu", 75),
      "cart", new Scaling(2, 10, "memory", 80));

  /** Ports a service exposes besides HTTP, by container port name, and the setting that fixes each. */
  static final Map<String, String> EXTRA_PORT_SETTINGS = Map.of(
      "grpc", "spring.grpc.server.port",
      "smtp", "emporium.messaging.smtp.port");

  /** Environment variables that carry secrets: they must come from a Secret. */
  static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|ENCRYPTION_KEY|REDIS_URI).*");

  /** Example values of Secret keys, in the form the gateway's configuration needs them. */
  static final Map<String, String> SECRET_EXAMPLES = Map.of(
      "redis-uri", "redis://:example-password@redis:6379",
      "admin-token", "example-admin-token-0123456789");

  private static final Pattern DEPENDENT_VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  private ManifestChecks() {}

  // --- selectors -------------------------------------------------------------------------------

  /** Each Deployment's selector selects its own pods, and some Service selects them; each Service selects pods. */
  static List<String> selectors(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (Deployment d : m.deployments()) {
      Map<String, String> labels = Manifests.podLabels(d);
      if (!Selectors.matches(d.getSpec().getSelector(), labels)
          || d.getSpec().getSelector().getMatchLabels() == null || d.getSpec().getSelector().getMatchLabels().isEmpty()) {
        problems.add("Deployment " + name(d) + ": selector " + d.getSpec().getSelector().getMatchLabels()
            + " does not select its pod template's labels " + labels);
      }
      if (m.services().stream().noneMatch(s -> Selectors.matches(s.getSpec().getSelector(), labels))) {
        problems.add("Deployment " + name(d) + ": no Service selects its pods " + labels);
      }
    }
    for (Service s : m.services()) {
      if (m.deployments().stream().noneMatch(d -> Selectors.matches(s.getSpec().getSelector(), Manifests.podLabels(d)))) {
        problems.add("Service " + name(s) + ": selector " + s.getSpec().getSelector() + " selects no Deployment's pods");
      }
    }
    return problems;
  }

  // --- ports -----------------------------------------------------------------------------------

  /**
   * Container, probe and Service ports agree with the code: a service's {@code http} port is its
   * {@code server.port}, its other ports the settings in {@link #EXTRA_PORT_SETTINGS}, the
   * gateway's the listener and admin ports of its configuration; every launcher service has a
   * Deployment; a headless Service's port is the container's (DNS names pods, nothing translates).
   */
  static List<String> ports(Manifests m, Repository repo) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> launcher = repo.launcherServices();
    Set<String> deployed = new TreeSet<>();
    for (Deployment d : m.deployments()) {
      Container c = Manifests.containers(d).getFirst();
      Optional<String> service = Manifests.serviceName(d);
      Map<String, Integer> expected = new LinkedHashMap<>();
      if (service.isPresent()) {
        deployed.add(service.get());
        Properties properties = repo.serviceProperties(service.get());
        if (properties == null) {
          problems.add("Deployment " + name(d) + ": services/" + service.get() + " has no application.properties");
          continue;
        }
        expected.put("http", Integer.valueOf(properties.getProperty("server.port", "-1")));
        Integer launcherPort = launcher.get(service.get());
        if (launcherPort == null) {
          problems.add("Deployment " + name(d) + ": the launcher has no service '" + service.get() + "'");
        } else if (!launcherPort.equals(expected.get("http"))) {
          problems.add("Deployment " + name(d) + ": the launcher runs " + service.get() + " on " + launcherPort
              + " but its server.port is " + expected.get("http"));
        }
        for (ContainerPort p : ports(c)) {
          if ("http".equals(p.getName())) continue;
          String setting = EXTRA_PORT_SETTINGS.get(p.getName());
          if (setting == null || properties.getProperty(setting) == null) {
            problems.add("Deployment " + name(d) + ": port '" + p.getName() + "' matches no setting of " + service.get());
          } else {
            expected.put(p.getName(), Integer.valueOf(properties.getProperty(setting)));
          }
        }
      } else if (Manifests.isGateway(d)) {
        Optional<GatewayConfig> config = gatewayConfigOf(m, d);
        if (config.isEmpty()) {
          problems.add("Deployment " + name(d) + ": its configuration file is in no ConfigMap it mounts");
          continue;
        }
        expected.put("http", config.get().listeners().getFirst().port());
        expected.put("admin", config.get().admin().port());
      } else {
        problems.add("Deployment " + name(d) + ": runs neither 'service NAME' nor 'gateway --config FILE'");
        continue;
      }
      for (var e : expected.entrySet()) {
        Optional<ContainerPort> port = ports(c).stream().filter(p -> e.getKey().equals(p.getName())).findFirst();
        if (port.isEmpty()) {
          problems.add("Deployment " + name(d) + ": no container port named '" + e.getKey() + "' (" + e.getValue() + ")");
        } else if (port.get().getContainerPort() != e.getValue().intValue()) {
          problems.add("Deployment " + name(d) + ": container port '" + e.getKey() + "' is " + port.get().getContainerPort()
              + " but the code listens on " + e.getValue());
        }
      }
      int probePort = Manifests.isGateway(d) ? expected.get("admin") : expected.get("http");
      for (var probe : probes(c).entrySet()) {
        if (probe.getValue() == null || probe.getValue().getHttpGet() == null) continue;
        Integer resolved = resolve(c, probe.getValue().getHttpGet().getPort());
        if (resolved == null || resolved != probePort) {
          problems.add("Deployment " + name(d) + ": " + probe.getKey() + " probe port "
              + text(probe.getValue().getHttpGet().getPort()) + " is not the " + (Manifests.isGateway(d) ? "admin" : "HTTP")
              + " port " + probePort);
        }
      }
    }
    for (String missing : new TreeSet<>(launcher.keySet())) {
      if (!deployed.contains(missing)) problems.add("the launcher's service '" + missing + "' has no Deployment");
    }
    for (Service s : m.services()) {
      for (ServicePort sp : s.getSpec().getPorts()) {
        for (Deployment d : m.deployments()) {
          if (!Selectors.matches(s.getSpec().getSelector(), Manifests.podLabels(d))) continue;
          Integer target = resolve(Manifests.containers(d).getFirst(),
              sp.getTargetPort() == null ? new IntOrString(sp.getPort()) : sp.getTargetPort());
          if (target == null) {
            problems.add("Service " + name(s) + ": target port " + text(sp.getTargetPort()) + " is no port of Deployment "
                + name(d));
          } else if ("None".equals(s.getSpec().getClusterIP()) && target.intValue() != sp.getPort()) {
            problems.add("Service " + name(s) + ": headless, so its port " + sp.getPort()
                + " must be the container's port " + target);
          }
        }
      }
    }
    return problems;
  }

  // --- probes ----------------------------------------------------------------------------------

  /** Every container has a readiness probe on /health/ready and a liveness probe on /health/live. */
  static List<String> probes(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (Deployment d : m.deployments()) {
      for (Container c : Manifests.containers(d)) {
        String where = "Deployment " + name(d) + " container " + c.getName();
        checkProbe(problems, where, "readiness", c.getReadinessProbe(), "/health/ready");
        checkProbe(problems, where, "liveness", c.getLivenessProbe(), "/health/live");
        if (c.getStartupProbe() != null) checkProbe(problems, where, "startup", c.getStartupProbe(), "/health/live");
      }
    }
    return problems;
  }

  private static void checkProbe(List<String> problems, String where, String kind, Probe probe, String path) {
    if (probe == null || probe.getHttpGet() == null) {
      problems.add(where + ": no HTTP " + kind + " probe");
    } else if (!path.equals(probe.getHttpGet().getPath())) {
      problems.add(where + ": " + kind + " probe path is " + probe.getHttpGet().getPath() + ", not " + path);
    }
  }

  // --- resources -------------------------------------------------------------------------------

  /** Every container requests CPU and memory, has a memory limit, and requests no more than its limits. */
  static List<String> resources(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (Deployment d : m.deployments()) {
      for (Container c : Manifests.containers(d)) {
        String where = "Deployment " + name(d) + " container " + c.getName();
        ResourceRequirements r = c.getResources();
        Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
        Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
        for (String resource : List.of("cpu", "memory")) {
          if (!requests.containsKey(resource)) problems.add(where + ": no " + resource + " request");
        }
        if (!limits.containsKey("memory")) problems.add(where + ": no memory limit");
        for (var request : requests.entrySet()) {
          Quantity limit = limits.get(request.getKey());
          if (limit != null && request.getValue().getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
            problems.add(where + ": " + request.getKey() + " request " + request.getValue() + " exceeds its limit " + limit);
          }
        }
      }
    }
    return problems;
  }

  // --- autoscalers -----------------------------------------------------------------------------

  /**
   * The spec's autoscalers exist with its numbers; every HPA scales an existing Deployment, which
   * leaves the replica count to it.
   */
  static List<String> autoscalers(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (HorizontalPodAutoscaler hpa : m.autoscalers()) {
      var ref = hpa.getSpec().getScaleTargetRef();
      Optional<Deployment> target = "Deployment".equals(ref.getKind()) && "apps/v1".equals(ref.getApiVersion())
          ? m.find(Deployment.class, ref.getName()) : Optional.empty();
      if (target.isEmpty()) {
        problems.add("HorizontalPodAutoscaler " + name(hpa) + ": scales " + ref.getKind() + " " + ref.getName()
            + ", which is no Deployment (apps/v1) here");
        continue;
      }
      if (target.get().getSpec().getReplicas() != null) {
        problems.add("Deployment " + ref.getName() + ": sets replicas, which its HorizontalPodAutoscaler owns "
            + "(every apply would reset the count)");
      }
      Scaling spec = SPEC_SCALING.get(ref.getName());
      if (spec == null) continue;
      List<MetricSpec> metrics = hpa.getSpec().getMetrics() == null ? List.of() : hpa.getSpec().getMetrics();
      boolean metricOk = metrics.size() == 1 && "Resource".equals(metrics.getFirst().getType())
          && spec.resource().equals(metrics.getFirst().getResource().getName())
          && "Utilization".equals(metrics.getFirst().getResource().getTarget().getType())
          && Integer.valueOf(spec.utilization()).equals(metrics.getFirst().getResource().getTarget().getAverageUtilization());
      if (hpa.getSpec().getMinReplicas() == null || hpa.getSpec().getMinReplicas() != spec.min()
          || hpa.getSpec().getMaxReplicas() != spec.max() || !metricOk) {
        problems.add("HorizontalPodAutoscaler " + name(hpa) + ": the spec says " + spec.min() + "-" + spec.max() + " pods at "
            + spec.utilization() + " % " + spec.resource() + "; it has " + hpa.getSpec().getMinReplicas() + "-"
            + hpa.getSpec().getMaxReplicas() + " pods on " + describe(metrics));
      }
    }
    for (String service : new TreeSet<>(SPEC_SCALING.keySet())) {
      boolean scaled = m.autoscalers().stream().anyMatch(h -> service.equals(h.getSpec().getScaleTargetRef().getName()));
      if (!scaled) problems.add("Deployment " + service + ": the spec scales it, but no HorizontalPodAutoscaler does");
    }
    return problems;
  }

  private static String describe(List<MetricSpec> metrics) {
    return metrics.stream().map(x -> x.getType() + (x.getResource() == null ? "" : " " + x.getResource().getName() + " "
        + x.getResource().getTarget().getAverageUtilization() + " %")).toList().toString();
  }

  // --- disruption budgets ----------------------------------------------------------------------

  /** Every PDB selects the pods of some Deployment; every Deployment has one; none blocks a drain for good. */
  static List<String> disruptionBudgets(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (PodDisruptionBudget pdb : m.disruptionBudgets()) {
      List<Deployment> selected = m.deployments().stream()
          .filter(d -> Selectors.matches(pdb.getSpec().getSelector(), Manifests.podLabels(d))).toList();
      if (selected.isEmpty()) {
        problems.add("PodDisruptionBudget " + name(pdb) + ": selects no Deployment's pods");
      }
      IntOrString minAvailable = pdb.getSpec().getMinAvailable();
      for (Deployment d : selected) {
        Integer replicas = d.getSpec().getReplicas();
        if (minAvailable != null && minAvailable.getIntVal() != null && replicas != null && minAvailable.getIntVal() >= replicas) {
          problems.add("PodDisruptionBudget " + name(pdb) + ": minAvailable " + minAvailable.getIntVal() + " of "
              + replicas + " replicas of " + name(d) + " blocks every node drain");
        }
      }
    }
    for (Deployment d : m.deployments()) {
      if (m.disruptionBudgets().stream().noneMatch(p -> Selectors.matches(p.getSpec().getSelector(), Manifests.podLabels(d)))) {
        problems.add("Deployment " + name(d) + ": no PodDisruptionBudget covers its pods");
      }
    }
    return problems;
  }

  // --- network policies ------------------------------------------------------------------------

  /** Every NetworkPolicy selects pods, and the named ports it admits exist on them. */
  static List<String> networkPolicies(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (NetworkPolicy policy : m.networkPolicies()) {
      List<Deployment> selected = m.deployments().stream()
          .filter(d -> Selectors.matches(policy.getSpec().getPodSelector(), Manifests.podLabels(d))).toList();
      if (selected.isEmpty()) problems.add("NetworkPolicy " + name(policy) + ": selects no Deployment's pods");
      List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress() == null ? List.of() : policy.getSpec().getIngress();
      for (NetworkPolicyIngressRule rule : rules) {
        for (NetworkPolicyPort port : rule.getPorts() == null ? List.<NetworkPolicyPort>of() : rule.getPorts()) {
          for (Deployment d : selected) {
            if (resolve(Manifests.containers(d).getFirst(), port.getPort()) == null) {
              problems.add("NetworkPolicy " + name(policy) + ": port " + text(port.getPort()) + " is no port of "
                  + name(d));
            }
          }
        }
      }
    }
    return problems;
  }

  // --- environment -----------------------------------------------------------------------------

  /**
   * Each service gets the engines its settings use, as docs/operations.md names the variables:
   * every setting of its application.properties that points at the local machine (127.0.0.1,
   * localhost) is overridden by its environment variable, the database is the service's own, and
   * passwords come from Secrets. Secrets and ConfigMap keys referred to exist (ConfigMaps here, Secrets
   * in docs/kubernetes.md's list); {@code $(VAR)} refers to a variable defined before it.
   */
  static List<String> environment(Manifests m, Repository repo) {
    List<String> problems = new ArrayList<>();
    String docs = repo.read("docs/kubernetes.md");
    for (Deployment d : m.deployments()) {
      for (Container c : Manifests.containers(d)) {
        String where = "Deployment " + name(d) + " container " + c.getName();
        List<EnvVar> env = c.getEnv() == null ? List.of() : c.getEnv();
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        for (EnvVar e : env) {
          if (e.getValue() != null) {
            Matcher dep = DEPENDENT_VARIABLE.matcher(e.getValue());
            while (dep.find()) {
              if (!byName.containsKey(dep.group(1))) {
                problems.add(where + ": " + e.getName() + " refers to $(" + dep.group(1) + "), not defined before it");
              }
            }
          }
          if (byName.put(e.getName(), e) != null) problems.add(where + ": " + e.getName() + " is set twice");
          if (SECRET_NAME.matcher(e.getName()).matches()
              && (e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null)) {
            problems.add(where + ": " + e.getName() + " carries a secret but is not taken from a Secret");
          }
          if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = e.getValueFrom().getConfigMapKeyRef();
            Optional<ConfigMap> map = m.find(ConfigMap.class, ref.getName());
            if (map.isEmpty() || map.get().getData() == null || !map.get().getData().containsKey(ref.getKey())) {
              problems.add(where + ": " + e.getName() + " reads key '" + ref.getKey() + "' of ConfigMap " + ref.getName()
                  + ", which does not exist");
            }
          }
          if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
            var ref = e.getValueFrom().getSecretKeyRef();
            boolean documented = docs.lines().anyMatch(l -> l.startsWith("|") && l.contains("`" + ref.getName() + "`")
                && l.contains("`" + ref.getKey() + "`"));
            if (!documented) {
              problems.add(where + ": " + e.getName() + " reads Secret " + ref.getName() + " key " + ref.getKey()
                  + ", which docs/kubernetes.md does not list");
            }
          }
        }
        Optional<String> service = Manifests.serviceName(d);
        if (service.isEmpty()) continue;
        Properties properties = repo.serviceProperties(service.get());
        if (properties == null) continue;
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
          String value = properties.getProperty(key);
          if ((value.contains("127.0.0.1") || value.contains("localhost")) && !overridden(byName, key)) {
            problems.add(where + ": " + key + "=" + value + " points at the local machine and no "
                + canonicalVariable(key) + " overrides it");
          }
        }
        if (properties.getProperty("spring.datasource.url") != null) {
          String own = database(properties.getProperty("spring.datasource.url"));
          EnvVar url = byName.get("SPRING_DATASOURCE_URL");
          if (url == null || url.getValue() == null || !own.equals(database(url.getValue()))) {
            problems.add(where + ": SPRING_DATASOURCE_URL must name the service's own database '" + own + "'");
          }
          for (String required : List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
            if (!byName.containsKey(required)) problems.add(where + ": no " + required);
          }
        }
        if (properties.getProperty("spring.kafka.bootstrap-servers") != null
            && !byName.containsKey("EMPORIUM_EVENTS_TOPICS_REPLICATION_FACTOR")) {
          problems.add(where + ": uses Kafka but sets no EMPORIUM_EVENTS_TOPICS_REPLICATION_FACTOR");
        }
        if (properties.getProperty("spring.rabbitmq.host") != null) {
          for (String required : List.of("SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD")) {
            if (!byName.containsKey(required)) problems.add(where + ": uses RabbitMQ but sets no " + required);
          }
        }
        EnvVar store = byName.get("EMPORIUM_CART_STORE");
        if (store != null && "redis".equals(store.getValue()) && !byName.containsKey("EMPORIUM_CART_REDIS_URI")) {
          problems.add(where + ": keeps carts in Redis but sets no EMPORIUM_CART_REDIS_URI");
        }
      }
    }
    return problems;
  }

  /** Spring's relaxed binding: {@code emporium.order.cart-url} from EMPORIUM_ORDER_CARTURL (or the legacy EMPORIUM_ORDER_CART_URL). */
  static String canonicalVariable(String property) {
    return property.replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
  }

  private static boolean overridden(Map<String, EnvVar> env, String property) {
    return env.containsKey(canonicalVariable(property))
        || env.containsKey(property.replace('-', '_').replace('.', '_').toUpperCase(java.util.Locale.ROOT));
  }

  private static String database(String jdbcUrl) {
    String path = URI.create(jdbcUrl.substring("jdbc:".length()).replaceAll("\\$\\([A-Z_]+\\)", "x")).getPath();
    return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
  }

  // --- commands --------------------------------------------------------------------------------

  /**
   * Every Deployment runs the one image with {@code service NAME} (a service the launcher knows) or
   * {@code gateway --config FILE} (a file of a ConfigMap the pod mounts).
   */
  static List<String> commands(Manifests m, Repository repo) {
    List<String> problems = new ArrayList<>();
    Set<String> images = new TreeSet<>();
    Set<String> known = repo.launcherServices().keySet();
    for (Deployment d : m.deployments()) {
      Container c = Manifests.containers(d).getFirst();
      images.add(c.getImage());
      if (c.getCommand() != null && !c.getCommand().isEmpty()) {
        problems.add("Deployment " + name(d) + ": replaces the image's entry point with " + c.getCommand());
      }
      Optional<String> service = Manifests.serviceName(d);
      if (service.isPresent()) {
        if (!known.contains(service.get())) {
          problems.add("Deployment " + name(d) + ": 'service " + service.get() + "' is no service of the launcher " + known);
        }
      } else if (Manifests.isGateway(d)) {
        if (gatewayConfigOf(m, d).isEmpty()) {
          problems.add("Deployment " + name(d) + ": " + c.getArgs() + " names no file of a ConfigMap the pod mounts");
        }
      } else {
        problems.add("Deployment " + name(d) + ": args " + c.getArgs() + " are neither 'service NAME' nor 'gateway --config FILE'");
      }
    }
    if (images.size() > 1) problems.add("the Deployments use several images " + images + "; the platform has one");
    return problems;
  }

  // --- the gateway's configuration -------------------------------------------------------------

  /**
   * The gateway's configuration, as its container sees it (file from the ConfigMap, variables from
   * its environment), passes the gateway's own loader and validator; every dns cluster names a
   * headless Service here on the Service's port, and the jwt policies' key URLs name a Service here.
   */
  static List<String> gatewayConfig(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (Deployment d : m.deployments()) {
      if (!Manifests.isGateway(d)) continue;
      Optional<String> text = gatewayConfigText(m, d);
      if (text.isEmpty()) {
        problems.add("Deployment " + name(d) + ": its configuration file is in no ConfigMap it mounts");
        continue;
      }
      Map<String, String> env = environmentValues(m, Manifests.containers(d).getFirst());
      ConfigLoader loader = new ConfigLoader(env::get);
      LoadedConfig loaded;
      try {
        loaded = loader.parse("gateway-config", text.get());
      } catch (ConfigException e) {
        e.problems().forEach(p -> problems.add("ConfigMap of Deployment " + name(d) + ": " + p));
        continue;
      }
      new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper()).validate(loaded)
          .forEach(p -> problems.add("ConfigMap of Deployment " + name(d) + ": " + p));
      String namespace = d.getMetadata().getNamespace();
      for (ClusterConfig cluster : loaded.config().clusters()) {
        if (!"dns".equals(cluster.discovery().type())) {
          problems.add("gateway cluster " + cluster.name() + ": discovery " + cluster.discovery().type()
              + "; on Kubernetes clusters find their pods through DNS");
          continue;
        }
        String host = cluster.discovery().settings().getOrDefault("name", "");
        String port = cluster.discovery().settings().getOrDefault("port", "");
        Optional<Service> service = serviceForHost(m, host, namespace);
        if (service.isEmpty()) {
          problems.add("gateway cluster " + cluster.name() + ": " + host + " is no Service of namespace " + namespace);
        } else if (!"None".equals(service.get().getSpec().getClusterIP())) {
          problems.add("gateway cluster " + cluster.name() + ": Service " + name(service.get())
              + " is not headless, so its name resolves to one virtual address, not to the pods");
        } else if (service.get().getSpec().getPorts().stream().noneMatch(p -> String.valueOf(p.getPort()).equals(port))) {
          problems.add("gateway cluster " + cluster.name() + ": Service " + name(service.get()) + " has no port " + port);
        }
      }
      Matcher urls = Pattern.compile("jwksUrl: (\\S+)").matcher(text.get());
      while (urls.find()) {
        URI uri = URI.create(urls.group(1));
        Optional<Service> service = serviceForHost(m, uri.getHost(), namespace);
        if (service.isEmpty() || service.get().getSpec().getPorts().stream().noneMatch(p -> p.getPort() == uri.getPort())) {
          problems.add("gateway configuration: jwksUrl " + uri + " names no Service port of namespace " + namespace);
        }
      }
    }
    return problems;
  }

  /**
   * The gateway's ConfigMap routes as gateway/examples/platform.yaml does (what {@code emporium up}
   * runs), policy for policy: only where a cluster differs from one machine may it differ (the
   * rate limits' state in Redis, the jwt policies' issuer and key URL).
   */
  static List<String> gatewayRoutes(Manifests m, Repository repo) {
    List<String> problems = new ArrayList<>();
    Map<String, String> noVariables = Map.of();
    GatewayConfig example = new ConfigLoader(noVariables::get)
        .parse("gateway/examples/platform.yaml", repo.read("gateway/examples/platform.yaml")).config();
    for (Deployment d : m.deployments()) {
      if (!Manifests.isGateway(d)) continue;
      Optional<GatewayConfig> config = gatewayConfigOf(m, d);
      if (config.isEmpty()) {
        problems.add("Deployment " + name(d) + ": its configuration cannot be read");
        continue;
      }
      Map<String, RouteConfig> ours = new LinkedHashMap<>();
      config.get().routes().forEach(r -> ours.put(r.name(), r));
      for (RouteConfig theirs : example.routes()) {
        RouteConfig route = ours.remove(theirs.name());
        if (route == null) {
          problems.add("gateway route " + theirs.name() + ": in platform.yaml but not in the ConfigMap");
          continue;
        }
        if (!withoutPolicies(route).equals(withoutPolicies(theirs))) {
          problems.add("gateway route " + theirs.name() + ": differs from platform.yaml beyond its policies");
        }
        List<String> names = route.policies().stream().map(PolicyConfig::name).toList();
        List<String> expected = theirs.policies().stream().map(PolicyConfig::name).toList();
        if (!names.equals(expected)) {
          problems.add("gateway route " + theirs.name() + ": policies " + names + ", platform.yaml has " + expected);
          continue;
        }
        for (int i = 0; i < names.size(); i++) {
          if (!comparable(route.policies().get(i)).equals(comparable(theirs.policies().get(i)))) {
            problems.add("gateway route " + theirs.name() + ": policy " + names.get(i) + " has other settings than in platform.yaml");
          }
        }
      }
      ours.keySet().forEach(extra -> problems.add("gateway route " + extra + ": in the ConfigMap but not in platform.yaml"));
    }
    return problems;
  }

  private static RouteConfig withoutPolicies(RouteConfig r) {
    return new RouteConfig(r.name(), r.match(), r.cluster(), r.stripPrefix(), r.rewrite(), r.deadline(), r.timeouts(),
        r.retry(), r.preserveHost(), r.fallback(), List.of());
  }

  /** A policy's settings less what may differ on Kubernetes. */
  private static com.fasterxml.jackson.databind.JsonNode comparable(PolicyConfig policy) {
    com.fasterxml.jackson.databind.JsonNode settings = policy.settings().deepCopy();
    if (settings instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      if (policy.name().equals("rate-limit")) object.remove(List.of("state", "redis"));
      if (policy.name().equals("jwt")) {
        for (com.fasterxml.jackson.databind.JsonNode issuer : object.path("issuers")) {
          ((com.fasterxml.jackson.databind.node.ObjectNode) issuer).remove(List.of("issuer", "jwksUrl"));
        }
      }
    }
    return settings;
  }

  private static Optional<Service> serviceForHost(Manifests m, String host, String namespace) {
    String suffix = "." + namespace + ".svc.cluster.local";
    if (host == null || !host.endsWith(suffix)) return Optional.empty();
    return m.find(Service.class, host.substring(0, host.length() - suffix.length()));
  }

  /** The container's variables as the gateway would see them: values, ConfigMap values, Secret examples. */
  static Map<String, String> environmentValues(Manifests m, Container c) {
    Map<String, String> values = new HashMap<>();
    for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
      if (e.getValue() != null) {
        values.put(e.getName(), e.getValue());
      } else if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
        var ref = e.getValueFrom().getConfigMapKeyRef();
        m.find(ConfigMap.class, ref.getName()).map(ConfigMap::getData).map(data -> data.get(ref.getKey()))
            .ifPresent(v -> values.put(e.getName(), v));
      } else if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
        values.put(e.getName(), SECRET_EXAMPLES.getOrDefault(e.getValueFrom().getSecretKeyRef().getKey(),
            "example-secret-0123456789"));
      }
    }
    return values;
  }

  static Optional<GatewayConfig> gatewayConfigOf(Manifests m, Deployment d) {
    Optional<String> text = gatewayConfigText(m, d);
    if (text.isEmpty()) return Optional.empty();
    try {
      return Optional.of(new ConfigLoader(environmentValues(m, Manifests.containers(d).getFirst())::get)
          .parse("gateway-config", text.get()).config());
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  /** The text of the file after {@code --config}, from the ConfigMap mounted at its directory. */
  static Optional<String> gatewayConfigText(Manifests m, Deployment d) {
    Container c = Manifests.containers(d).getFirst();
    List<String> args = c.getArgs();
    int at = args.indexOf("--config");
    if (at < 0 || at + 1 >= args.size()) return Optional.empty();
    String file = args.get(at + 1);
    for (VolumeMount mount : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
      if (!file.startsWith(mount.getMountPath() + "/")) continue;
      String key = file.substring(mount.getMountPath().length() + 1);
      for (Volume v : Manifests.template(d).getSpec().getVolumes()) {
        if (v.getName().equals(mount.getName()) && v.getConfigMap() != null) {
          Optional<String> text = m.find(ConfigMap.class, v.getConfigMap().getName())
              .map(ConfigMap::getData).map(data -> data.get(key));
          if (text.isPresent()) return text;
        }
      }
    }
    return Optional.empty();
  }

  // --- known fields ----------------------------------------------------------------------------

  /**
   * No manifest has a field Kubernetes does not know (a typo such as {@code readinesProbe} would
   * otherwise be dropped by the API server without a word): fabric8 keeps such fields apart, as
   * additional properties, wherever they are.
   */
  static List<String> knownFields(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (HasMetadata resource : m.all()) {
      walk(resource, resource.getKind() + " " + name(resource), problems, new IdentityHashMap<>());
    }
    return problems;
  }

  private static void walk(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
    if (value == null || seen.put(value, Boolean.TRUE) != null) return;
    if (value instanceof Collection<?> list) {
      int i = 0;
      for (Object item : list) walk(item, path + "[" + i++ + "]", problems, seen);
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (var e : map.entrySet()) walk(e.getValue(), path + "." + e.getKey(), problems, seen);
      return;
    }
    if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) return;
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add(path + ": unknown field(s) " + new TreeSet<>(extra.keySet().stream().map(String::valueOf).toList()));
        }
        continue;
      }
      if (child instanceof IntOrString || child instanceof Quantity || child instanceof String) continue;
      String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      walk(child, path + "." + field, problems, seen);
    }
  }

  // --- regions ---------------------------------------------------------------------------------

  /**
   * An overlay's region is on every object and pod, every pod is kept to the region's nodes, and
   * every service tags its metrics with the region.
   */
  static List<String> region(Manifests m, String region) {
    List<String> problems = new ArrayList<>();
    for (HasMetadata resource : m.all()) {
      Map<String, String> labels = resource.getMetadata().getLabels();
      if (labels == null || !region.equals(labels.get("emporium.dev/region"))) {
        problems.add(resource.getKind() + " " + name(resource) + ": not labelled emporium.dev/region=" + region);
      }
    }
    for (Deployment d : m.deployments()) {
      if (!region.equals(Manifests.podLabels(d).get("emporium.dev/region"))) {
        problems.add("Deployment " + name(d) + ": its pods are not labelled emporium.dev/region=" + region);
      }
      var affinity = Manifests.template(d).getSpec().getAffinity();
      boolean kept = affinity != null && affinity.getNodeAffinity() != null
          && affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null
          && affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().stream()
              .allMatch(t -> t.getMatchExpressions().stream().anyMatch(x -> x.getKey().equals("topology.kubernetes.io/region")
                  && x.getOperator().equals("In") && x.getValues().equals(List.of(region))));
      if (!kept) problems.add("Deployment " + name(d) + ": its pods may run outside " + region);
      if (Manifests.serviceName(d).isPresent()) {
        boolean tagged = Manifests.containers(d).getFirst().getEnv().stream()
            .anyMatch(e -> e.getName().equals("MANAGEMENT_METRICS_TAGS_REGION") && region.equals(e.getValue()));
        if (!tagged) problems.add("Deployment " + name(d) + ": its metrics are not tagged region=" + region);
      }
    }
    return problems;
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static List<ContainerPort> ports(Container c) {
    return c.getPorts() == null ? List.of() : c.getPorts();
  }

  private static Map<String, Probe> probes(Container c) {
    Map<String, Probe> probes = new LinkedHashMap<>();
    probes.put("readiness", c.getReadinessProbe());
    probes.put("liveness", c.getLivenessProbe());
    probes.put("startup", c.getStartupProbe());
    return probes;
  }

  /** A port given by number or by name, as the container's port number; null when it has no such port. */
  static Integer resolve(Container c, IntOrString port) {
    if (port == null) return null;
    if (port.getIntVal() != null) {
      return ports(c).stream().anyMatch(p -> p.getContainerPort().equals(port.getIntVal())) ? port.getIntVal() : null;
    }
    return ports(c).stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
        .findFirst().orElse(null);
  }

  private static String text(IntOrString port) {
    return port == null ? "(none)" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
  }

  private static String name(HasMetadata resource) {
    return resource.getMetadata().getName();
  }
}
