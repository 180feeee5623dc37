package dev.steward.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Rendered manifests as fabric8's typed models, refusing any field the model does not know. */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** The checkout's {@code deploy/kubernetes}, found from the module or the root directory. */
    static Path kubernetesDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/kubernetes");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/kubernetes not found above " + Path.of("").toAbsolutePath());
    }

    static List<HasMetadata> render(String kustomization) {
        List<HasMetadata> typed = new ArrayList<>();
        for (ObjectNode resource : Kustomize.render(kubernetesDirectory().resolve(kustomization))) {
            String where = resource.path("kind").asText() + "/" + resource.path("metadata").path("name").asText();
            KubernetesResource parsed = SERIALIZATION.unmarshal(resource.toString(), KubernetesResource.class);
            if (!(parsed instanceof HasMetadata object) || parsed.getClass().getSimpleName().equals("GenericKubernetesResource")) {
                throw new IllegalArgumentException(where + ": no typed model for " + resource.path("apiVersion").asText()
                        + " " + resource.path("kind").asText());
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(parsed, where, unknown, new IdentityHashMap<>());
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("fields the Kubernetes API does not know: " + unknown);
            }
            typed.add(object);
        }
        return typed;
    }

    /** Fabric8 keeps what it cannot map in additionalProperties: any entry there is a typo or a wrong level. */
    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
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
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(child, path + "." + getter.getName().replaceFirst("^(get|is)", ""), unknown, seen);
            }
        }
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> manifests, Class<T> kind) {
        return manifests.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
