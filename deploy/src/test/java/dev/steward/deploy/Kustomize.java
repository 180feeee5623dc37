package dev.steward.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the part of kustomize Steward's
 * manifests use: {@code resources} (files and directories), {@code namespace}, {@code labels}
 * (metadata only), {@code replicas} and {@code patches} (JSON 6902, by kind and optional name).
 * Anything else is refused rather than ignored, so a manifest cannot escape the checks by using a
 * feature this renderer would skip. CI has no kubectl; operators render with the real one.
 */
final class Kustomize {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "labels", "resources", "replicas", "patches");
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet");

    private Kustomize() {
    }

    /** The resources the kustomization in {@code directory} renders to, in order. */
    static List<ObjectNode> render(Path directory) {
        JsonNode kustomization = read(directory.resolve("kustomization.yaml")).get(0);
        for (Iterator<String> fields = kustomization.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(directory + "/kustomization.yaml: '" + field + "' is not supported by this renderer");
            }
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = directory.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else {
                for (JsonNode document : read(path)) {
                    resources.add((ObjectNode) document);
                }
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(directory, resources, patch);
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            List<ObjectNode> targets = resources.stream().filter(resource -> SCALABLE.contains(resource.path("kind").asText())
                    && resource.path("metadata").path("name").asText().equals(replicas.path("name").asText())).toList();
            if (targets.isEmpty()) {
                throw new IllegalArgumentException(directory + ": replicas for " + replicas.path("name").asText() + " match nothing");
            }
            targets.forEach(target -> ((ObjectNode) target.path("spec")).put("replicas", replicas.path("count").asInt()));
        }
        if (kustomization.has("namespace")) {
            resources.forEach(resource -> metadata(resource).put("namespace", kustomization.get("namespace").asText()));
        }
        for (JsonNode labels : kustomization.path("labels")) {
            if (labels.has("includeSelectors") || labels.has("includeTemplates")) {
                throw new IllegalArgumentException(directory + ": labels with includeSelectors/includeTemplates are not supported");
            }
            resources.forEach(resource -> {
                ObjectNode metadataLabels = metadata(resource).has("labels") ? (ObjectNode) metadata(resource).get("labels")
                        : metadata(resource).putObject("labels");
                labels.path("pairs").fields().forEachRemaining(pair -> metadataLabels.set(pair.getKey(), pair.getValue()));
            });
        }
        return resources;
    }

    private static ObjectNode metadata(ObjectNode resource) {
        return resource.has("metadata") ? (ObjectNode) resource.get("metadata") : resource.putObject("metadata");
    }

    private static void applyPatch(Path directory, List<ObjectNode> resources, JsonNode patch) {
        for (Iterator<String> fields = patch.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("target") && !field.equals("patch")) {
                throw new IllegalArgumentException(directory + ": patch field '" + field + "' is not supported (inline JSON 6902 only)");
            }
        }
        JsonNode target = patch.path("target");
        List<ObjectNode> matched = resources.stream()
                .filter(resource -> resource.path("kind").asText().equals(target.path("kind").asText()))
                .filter(resource -> !target.has("name") || resource.path("metadata").path("name").asText().equals(target.path("name").asText()))
                .toList();
        if (matched.isEmpty()) {
            throw new IllegalArgumentException(directory + ": patch target " + target + " matches nothing");
        }
        JsonNode operations;
        try {
            operations = YAML.readTree(patch.path("patch").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": unreadable patch", e);
        }
        for (ObjectNode resource : matched) {
            for (JsonNode operation : operations) {
                JsonPatch.apply(resource, operation);
            }
        }
    }

    private static List<JsonNode> read(Path file) {
        try (var parser = YAML.createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** RFC 6902 add, replace and remove on object members and array indexes (or "-" to append). */
    static final class JsonPatch {

        private JsonPatch() {
        }

        static void apply(ObjectNode document, JsonNode operation) {
            String op = operation.path("op").asText();
            String path = operation.path("path").asText();
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("patch path must be a JSON pointer: " + path);
            }
            String[] tokens = path.substring(1).split("/", -1);
            JsonNode parent = document;
            for (int i = 0; i < tokens.length - 1; i++) {
                parent = child(parent, unescape(tokens[i]));
                if (parent == null || parent.isMissingNode()) {
                    throw new IllegalArgumentException("patch path " + path + " does not exist");
                }
            }
            String last = unescape(tokens[tokens.length - 1]);
            switch (op) {
                case "add" -> set(parent, last, operation.get("value"), true);
                case "replace" -> {
                    if (child(parent, last) == null) {
                        throw new IllegalArgumentException("replace: " + path + " does not exist");
                    }
                    set(parent, last, operation.get("value"), false);
                }
                case "remove" -> {
                    if (child(parent, last) == null) {
                        throw new IllegalArgumentException("remove: " + path + " does not exist");
                    }
                    if (parent instanceof ObjectNode object) {
                        object.remove(last);
                    } else {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    }
                }
                default -> throw new IllegalArgumentException("patch op '" + op + "' is not supported");
            }
        }

        private static JsonNode child(JsonNode parent, String token) {
            if (parent instanceof ObjectNode object) {
                return object.get(token);
            }
            if (parent instanceof ArrayNode array && token.matches("\\d+")) {
                return array.get(Integer.parseInt(token));
            }
            return null;
        }

        private static void set(JsonNode parent, String token, JsonNode value, boolean insert) {
            if (value == null) {
                throw new IllegalArgumentException("patch op without a value");
            }
            if (parent instanceof ObjectNode object) {
                object.set(token, value);
            } else if (parent instanceof ArrayNode array) {
                if (token.equals("-")) {
                    array.add(value);
                } else if (insert) {
                    array.insert(Integer.parseInt(token), value);
                } else {
                    array.set(Integer.parseInt(token), value);
                }
            } else {
                throw new IllegalArgumentException("patch target is neither object nor array");
            }
        }

        private static String unescape(String token) {
            return token.replace("~1", "/").replace("~0", "~");
        }
    }
}
