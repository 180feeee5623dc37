package dev.steward.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The renderer's branches: what it does as kustomize does, and what it refuses instead of skipping. */
class KustomizeTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                    - name: web
                      args: [a, b]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web
            spec:
              minAvailable: 1
            """;

    private static Path base(Path dir) throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("web.yaml"), DEPLOYMENT);
        Files.writeString(base.resolve("kustomization.yaml"), "resources: [web.yaml]\nnamespace: shop\nlabels:\n  - pairs: {team: a}\n");
        return base;
    }

    private static List<ObjectNode> overlay(Path dir, String kustomization) throws IOException {
        base(dir);
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(overlay.resolve("kustomization.yaml"), "resources: [../base]\n" + kustomization);
        return Kustomize.render(overlay);
    }

    @Test
    void aBaseSetsNamespaceAndLabelsOnEveryResource(@TempDir Path dir) throws IOException {
        List<ObjectNode> rendered = Kustomize.render(base(dir));
        assertEquals(2, rendered.size());
        rendered.forEach(resource -> {
            assertEquals("shop", resource.at("/metadata/namespace").asText());
            assertEquals("a", resource.at("/metadata/labels/team").asText());
        });
        assertTrue(rendered.get(0).at("/spec/template/metadata").isMissingNode(), "labels stay off templates, as kustomize's labels do");
    }

    @Test
    void anOverlaySetsReplicasAndPatches(@TempDir Path dir) throws IOException {
        List<ObjectNode> rendered = overlay(dir, """
                replicas:
                  - {name: web, count: 5}
                patches:
                  - target: {kind: PodDisruptionBudget}
                    patch: |-
                      - {op: remove, path: /spec/minAvailable}
                      - {op: add, path: /spec/maxUnavailable, value: 1}
                  - target: {kind: Deployment, name: web}
                    patch: |-
                      - {op: replace, path: /spec/template/spec/containers/0/args/1, value: c}
                      - {op: add, path: /spec/template/spec/containers/0/args/-, value: d}
                """);
        assertEquals(5, rendered.get(0).at("/spec/replicas").asInt());
        assertEquals("[\"a\",\"c\",\"d\"]", rendered.get(0).at("/spec/template/spec/containers/0/args").toString());
        assertFalse(rendered.get(1).at("/spec").has("minAvailable"));
        assertEquals(1, rendered.get(1).at("/spec/maxUnavailable").asInt());
    }

    @Test
    void whatItCannotRenderIsRefusedNotSkipped(@TempDir Path dir) throws IOException {
        assertThrows(IllegalArgumentException.class, () -> overlay(dir.resolve("1"), "images:\n  - {name: web, newTag: v2}\n"),
                "an unsupported kustomize field");
        assertThrows(IllegalArgumentException.class, () -> overlay(dir.resolve("2"), "replicas:\n  - {name: typo, count: 1}\n"),
                "replicas for nothing");
        assertThrows(IllegalArgumentException.class, () -> overlay(dir.resolve("3"),
                "patches:\n  - target: {kind: Service}\n    patch: '[{op: add, path: /spec/x, value: 1}]'\n"), "a patch target that matches nothing");
        assertThrows(IllegalArgumentException.class, () -> overlay(dir.resolve("4"),
                "patches:\n  - target: {kind: Deployment}\n    patch: '[{op: replace, path: /spec/paused, value: true}]'\n"),
                "replace of a missing member");
        assertThrows(IllegalArgumentException.class, () -> overlay(dir.resolve("5"),
                "patches:\n  - target: {kind: Deployment}\n    patch: '[{op: move, from: /a, path: /spec/b}]'\n"), "an unsupported op");
        assertThrows(IllegalArgumentException.class, () -> overlay(dir.resolve("6"),
                "patches:\n  - path: patch.yaml\n    target: {kind: Deployment}\n"), "a patch file (strategic merge)");
    }
}
