package dev.steward.identity.gatewayconfig;

import dev.steward.common.error.ProblemException;
import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.Map;

/**
 * Gluster's config subcommands over REST: {@code GET /v1/config[/{name}]} (config-get),
 * {@code PUT /v1/config/{name}} with {"value": ...} (config-set), {@code DELETE /v1/config/{name|all}}
 * (config-reset). Changes answer with every setting after the change.
 */
@dev.steward.common.idempotency.Idempotent
@Controller
public class GatewaySettingsController {

    private final GatewaySettingsService settings;

    public GatewaySettingsController(GatewaySettingsService settings) {
        this.settings = settings;
    }

    @Get("/v1/config")
    @Secured(InternalClaims.ROLE_API)
    public Map<String, String> all() {
        return settings.all();
    }

    @Get("/v1/config/{name}")
    @Secured(InternalClaims.ROLE_API)
    public Map<String, String> get(@PathVariable String name) {
        return Map.of("name", name, "value", settings.get(name));
    }

    @Put("/v1/config/{name}")
    @Secured(InternalClaims.ROLE_ADMIN)
    public Map<String, String> set(@PathVariable String name, @Nullable @Body JsonNode body, Authentication authentication) {
        if (body == null || !body.isObject() || body.size() != 1 || body.get("value") == null
                || !(body.get("value").isString() || body.get("value").isNumber())) {
            throw new ProblemException(IdentityErrorCode.CONFIG_VALUE_INVALID, "send {\"value\": \"<value>\"}");
        }
        JsonNode value = body.get("value");
        String text = value.isString() ? value.getStringValue() : value.getNumberValue().toString();
        return settings.set(name, text, Actors.from(authentication));
    }

    @Delete("/v1/config/{name}")
    @Secured(InternalClaims.ROLE_ADMIN)
    public Map<String, String> reset(@PathVariable String name, Authentication authentication) {
        return settings.reset(name, Actors.from(authentication));
    }

    /** The typed settings gateways apply at start-up; not routed from outside. */
    @Get("/internal/v1/gateway-settings")
    @Secured(InternalClaims.ROLE_SERVICE)
    public GatewaySettingsService.GatewaySettings forGateways() {
        return settings.forGateways();
    }
}
