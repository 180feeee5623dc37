package dev.steward.gateway.route;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The route table exactly as the gateway's application.yml configures it, bound the way Micronaut binds it. */
public final class ConfiguredRoutes {

    private ConfiguredRoutes() {
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> raw() throws IOException {
        try (InputStream in = ConfiguredRoutes.class.getClassLoader().getResourceAsStream("application.yml")) {
            Map<String, Object> steward = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(in)).get("steward");
            return (List<Map<String, Object>>) ((Map<String, Object>) steward.get("gateway")).get("routes");
        }
    }

    public static RouteConfiguration bind(int index, Map<String, Object> route) {
        RouteConfiguration config = new RouteConfiguration(index);
        config.setPattern((String) route.get("pattern"));
        config.setService((String) route.get("service"));
        config.setScope((String) route.get("scope"));
        config.setRefusalStatus(((Number) route.getOrDefault("refusal-status", 403)).intValue());
        config.setAnonymous(Boolean.TRUE.equals(route.get("anonymous")));
        config.setJsonBody(Boolean.TRUE.equals(route.get("json-body")));
        config.setGluster(Boolean.TRUE.equals(route.get("gluster")));
        config.setFollowsGlusterAuth(Boolean.TRUE.equals(route.get("follows-gluster-auth")));
        config.setJidoteki(Boolean.TRUE.equals(route.get("jidoteki")));
        config.setReadRole((String) route.get("read-role"));
        config.setWriteRole((String) route.get("write-role"));
        config.setWrites((String) route.get("writes"));
        return config;
    }

    public static List<Route> routes() throws IOException {
        List<Route> routes = new ArrayList<>();
        List<Map<String, Object>> raw = raw();
        for (int i = 0; i < raw.size(); i++) {
            RouteConfiguration config = bind(i, raw.get(i));
            URI target = Route.GATEWAY.equals(config.getService()) ? null : URI.create("http://" + config.getService());
            routes.add(Route.of(config.getPattern(), config.getService(), target, config.getRefusalStatus(), config.getScope(),
                    config.isJsonBody(), config.isGluster(), config.access()));
        }
        return routes;
    }

    public static RouteTable table() throws IOException {
        return RouteTable.of(routes());
    }
}
