package dev.emporium.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The renderer the manifest tests rely on: what it applies, and what it refuses. */
class KustomizeTest {

  @TempDir
  Path dir;

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, labels: {app: web}}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: web:1, env: [{name: A, value: "1"}]}]
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop}
      """;

  private void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void base() throws IOException {
    write("base/web.yaml", DEPLOYMENT);
    write("base/kustomization.yaml", "namespace: shop\nresources: [web.yaml]\n");
  }

  @Test
  void appliesNamespaceLabelsAndPatchesOfAnOverlayOverItsBase() throws IOException {
    base();
    write("overlay/env.yaml", "- {op: add, path: /spec/template/spec/containers/0/env/-, value: {name: B, value: \"2\"}}\n");
    write("overlay/kustomization.yaml", """
        resources: [../base]
        labels:
          - pairs: {region: north}
            includeTemplates: true
        patches:
          - path: env.yaml
            target: {kind: Deployment, labelSelector: app=web}
        """);

    List<ObjectNode> out = Kustomize.render(dir.resolve("overlay"));

    ObjectNode web = out.getFirst();
    assertThat(web.at("/metadata/namespace").asString()).isEqualTo("shop");
    assertThat(web.at("/metadata/labels/region").asString()).isEqualTo("north");
    assertThat(web.at("/spec/template/metadata/labels/region").asString()).isEqualTo("north");
    assertThat(web.at("/spec/selector/matchLabels").size()).isEqualTo(1);
    assertThat(web.at("/spec/template/spec/containers/0/env/1/name").asString()).isEqualTo("B");
    ObjectNode namespace = out.get(1);
    assertThat(namespace.at("/metadata/namespace").isMissingNode()).isTrue();
    assertThat(namespace.at("/metadata/labels/region").asString()).isEqualTo("north");
  }

  @Test
  void refusesAResourceThatDoesNotExist() throws IOException {
    write("k/kustomization.yaml", "resources: [missing.yaml]\n");
    assertThatThrownBy(() -> Kustomize.render(dir.resolve("k"))).hasMessageContaining("resource 'missing.yaml' does not exist");
  }

  @Test
  void refusesAPatchFileThatDoesNotExist() throws IOException {
    base();
    write("overlay/kustomization.yaml", "resources: [../base]\npatches:\n  - {path: nope.yaml, target: {kind: Deployment}}\n");
    assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay"))).hasMessageContaining("patch 'nope.yaml' does not exist");
  }

  @Test
  void refusesAPatchWhoseTargetMatchesNothing() throws IOException {
    base();
    write("overlay/p.yaml", "- {op: add, path: /metadata/annotations, value: {a: b}}\n");
    write("overlay/kustomization.yaml", "resources: [../base]\npatches:\n  - {path: p.yaml, target: {kind: StatefulSet}}\n");
    assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay"))).hasMessageContaining("matches no resource");
  }

  @Test
  void refusesAPatchThatDoesNotApply() throws IOException {
    base();
    write("overlay/p.yaml", "- {op: replace, path: /spec/replicas, value: 3}\n");
    write("overlay/kustomization.yaml", "resources: [../base]\npatches:\n  - {path: p.yaml, target: {kind: Deployment, name: web}}\n");
    assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay"))).hasMessageContaining("does not apply to Deployment web");
  }

  @Test
  void refusesWhatItDoesNotImplement() throws IOException {
    base();
    write("overlay/kustomization.yaml", "resources: [../base]\nconfigMapGenerator: [{name: x, literals: [a=b]}]\n");
    assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay")))
        .hasMessageContaining("'configMapGenerator' is not supported by this renderer");

    write("overlay/p.yaml", "spec: {replicas: 3}\n");
    write("overlay/kustomization.yaml", "resources: [../base]\npatches:\n  - {path: p.yaml, target: {kind: Deployment}}\n");
    assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay")))
        .hasMessageContaining("strategic merge patches are not supported");
  }
}
