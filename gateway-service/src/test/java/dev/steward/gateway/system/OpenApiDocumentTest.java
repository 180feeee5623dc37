package dev.steward.gateway.system;

import dev.steward.gateway.route.Route;
import dev.steward.gateway.route.RouteTable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the served OpenAPI description in step with what Steward serves: every documented path is
 * routed by the gateway, and every endpoint of every service's controllers that the gateway routes
 * is documented with its method (read from the services' sources: the gateway cannot depend on them).
 */
class OpenApiDocumentTest {

    private static final Pattern CONTROLLER = Pattern.compile("@Controller(?:\\(\"([^\"]*)\"\\))?");
    private static final Pattern ENDPOINT = Pattern.compile("@(Get|Post|Put|Delete|Patch)(?:\\(([^)]*)\\))?");
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]*)\";");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(InputStream in) {
        return new Yaml().load(in);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> documentedPaths() throws IOException {
        try (InputStream in = getClass(ApiDescriptionController.RESOURCE)) {
            Map<String, Object> document = yaml(in);
            assertEquals("3.1.0", document.get("openapi"));
            return (Map<String, Map<String, Object>>) document.get("paths");
        }
    }

    private static InputStream getClass(String resource) {
        return OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(resource);
    }

    /** The route table as the gateway's application.yml configures it. */
    @SuppressWarnings("unchecked")
    private static RouteTable routeTable() throws IOException {
        try (InputStream in = getClass("application.yml")) {
            Map<String, Object> steward = (Map<String, Object>) yaml(in).get("steward");
            List<Map<String, Object>> routes = (List<Map<String, Object>>) ((Map<String, Object>) steward.get("gateway")).get("routes");
            List<Route> table = new ArrayList<>();
            for (Map<String, Object> route : routes) {
                String service = (String) route.get("service");
                table.add(Route.of((String) route.get("pattern"), service, Route.GATEWAY.equals(service) ? null : URI.create("http://" + service),
                        403));
            }
            return RouteTable.of(table);
        }
    }

    private static String normalized(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    @Test
    void everyDocumentedPathIsRoutedAndHasResponses() throws IOException {
        RouteTable routes = routeTable();
        for (Map.Entry<String, Map<String, Object>> path : documentedPaths().entrySet()) {
            String concrete = path.getKey().replaceAll("\\{[^}]*}", "x");
            boolean special = concrete.equals("/metrics") || concrete.equals("/health"); // the gateway's own Garage endpoints
            assertTrue(special || routes.match(concrete).isPresent(), path.getKey() + " is documented but not routed");
            path.getValue().forEach((method, operation) -> {
                if (!method.equals("parameters")) {
                    assertTrue(((Map<?, ?>) operation).containsKey("responses"), method + " " + path.getKey() + " has responses");
                }
            });
        }
    }

    /** Idempotency-Key is documented on every mutation, and every service controller with a routed mutation honours it. */
    @Test
    void everyMutationTakesAnIdempotencyKey() throws IOException {
        List<String> undocumented = new ArrayList<>();
        documentedPaths().forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (List.of("post", "put", "patch", "delete").contains(method)) {
                Object parameters = ((Map<?, ?>) operation).get("parameters");
                if (parameters == null || !parameters.toString().contains("#/components/parameters/IdempotencyKey")) {
                    undocumented.add(method + " " + path);
                }
            }
        }));
        assertEquals(List.of(), undocumented, "mutations without the IdempotencyKey parameter");

        RouteTable routes = routeTable();
        List<String> notHonoured = new ArrayList<>();
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String module : List.of("identity-service", "cluster-service", "jobs-service", "steward-common")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith("Controller.java")).toList()) {
                    String source = Files.readString(file);
                    boolean routedMutation = endpoints(source).stream().filter(endpoint -> !endpoint.startsWith("GET "))
                            .anyMatch(endpoint -> routes.match(endpoint.substring(endpoint.indexOf(' ') + 1).replace("{}", "x")).isPresent());
                    if (routedMutation && !source.contains("@dev.steward.common.idempotency.Idempotent")) {
                        notHonoured.add(file.getFileName().toString());
                    }
                }
            }
        }
        assertEquals(List.of(), notHonoured, "controllers with routed mutations but no @Idempotent");
    }

    @Test
    void everyRoutedControllerEndpointIsDocumented() throws IOException {
        RouteTable routes = routeTable();
        Set<String> documented = new TreeSet<>();
        documentedPaths().forEach((path, operations) -> operations.keySet().stream().filter(method -> !method.equals("parameters"))
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + normalized(path))));

        Set<String> served = new TreeSet<>();
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String module : List.of("identity-service", "cluster-service", "jobs-service", "gateway-service")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith("Controller.java")).toList()) {
                    served.addAll(endpoints(Files.readString(file)));
                }
            }
        }
        assertTrue(served.size() > 60, "the controllers were read: " + served.size());
        List<String> undocumented = served.stream()
                .filter(endpoint -> routes.match(endpoint.substring(endpoint.indexOf(' ') + 1).replace("{}", "x")).isPresent())
                .filter(endpoint -> !documented.contains(endpoint)).toList();
        assertEquals(List.of(), undocumented, "routed endpoints missing from " + ApiDescriptionController.RESOURCE);
    }

    /** "METHOD /path" of each endpoint in one controller source, with path variables as {}. */
    private static List<String> endpoints(String source) {
        Matcher controller = CONTROLLER.matcher(source);
        if (!controller.find()) {
            return List.of();
        }
        String prefix = controller.group(1) == null ? "" : controller.group(1);
        List<String> found = new ArrayList<>();
        Matcher endpoint = ENDPOINT.matcher(source);
        while (endpoint.find()) {
            String expression = pathExpression(endpoint.group(2));
            String path = expression.isBlank() ? "" : resolve(expression, source);
            String full = (prefix + path).replaceAll("/$", "");
            found.add(endpoint.group(1).toUpperCase(Locale.ROOT) + " " + normalized(full.isEmpty() ? "/" : full));
        }
        return found;
    }

    /** The path of an annotation's arguments: {@code "/x"}, or {@code value = "/x", produces = ...}; "" when none is given. */
    private static String pathExpression(String arguments) {
        if (arguments == null) {
            return "";
        }
        String[] named = arguments.strip().split(",\\s*(?=\\w+\\s*=)");
        String first = named[0].strip();
        if (first.matches("(?:value|uri)\\s*=.*")) {
            return first.substring(first.indexOf('=') + 1).strip();
        }
        return first.matches("\\w+\\s*=.*") ? "" : first;
    }

    /** A path expression: string literals and this file's String constants joined with '+'. */
    private static String resolve(String expression, String source) {
        StringBuilder path = new StringBuilder();
        for (String part : expression.split("\\+")) {
            String token = part.strip();
            if (token.startsWith("\"")) {
                path.append(token, 1, token.length() - 1);
            } else {
                Matcher constant = CONSTANT.matcher(source);
                boolean resolved = false;
                while (constant.find()) {
                    if (constant.group(1).equals(token)) {
                        path.append(constant.group(2));
                        resolved = true;
                    }
                }
                assertTrue(resolved, "cannot read the path expression " + expression);
            }
        }
        return path.toString();
    }
}
