package dev.steward.gateway.route;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jidoteki's optional endpoints ({@code steward.gateway.jidoteki.endpoints}, as the reference's
 * {@code jidoteki-admin-api.json} "endpoints"): those left out are not routed, so they answer 404
 * and {@code GET /endpoints} does not list them. All five are on by default, as Steward served
 * them before the setting existed.
 *
 * @param endpoints the optional endpoints served: any of settings, certs, license, storage, backup
 */
@ConfigurationProperties("steward.gateway.jidoteki")
public record OptionalEndpoints(@Bindable(defaultValue = "settings,certs,license,storage,backup") List<String> endpoints) {

    public static final Set<String> OPTIONAL = Set.of("settings", "certs", "license", "storage", "backup");
    static final String PREFIX = "/api/v1/admin/";

    public OptionalEndpoints {
        endpoints = endpoints.stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
        TreeSet<String> unknown = new TreeSet<>(endpoints);
        unknown.removeAll(OPTIONAL);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("steward.gateway.jidoteki.endpoints: " + unknown + " are not optional endpoints; choose from "
                    + new TreeSet<>(OPTIONAL));
        }
    }

    public static OptionalEndpoints all() {
        return new OptionalEndpoints(List.copyOf(OPTIONAL));
    }

    /** False for the routes of an optional endpoint that is switched off (the endpoint and every path below it). */
    public boolean serves(String pattern) {
        if (!pattern.startsWith(PREFIX)) {
            return true;
        }
        String endpoint = pattern.substring(PREFIX.length()).split("/", 2)[0];
        return !OPTIONAL.contains(endpoint) || endpoints.contains(endpoint);
    }
}
