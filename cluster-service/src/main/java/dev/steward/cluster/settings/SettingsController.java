package dev.steward.cluster.settings;

import dev.steward.cluster.error.ClusterErrorCode;
import dev.steward.common.error.ProblemException;
import dev.steward.common.http.JidotekiAccepted;
import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jidoteki {@code /settings} and {@code /storage}: upload a settings.json, read it back. */
@dev.steward.common.idempotency.Idempotent
@Controller("/api/v1/admin")
@Secured(InternalClaims.ROLE_API)
public class SettingsController {

    private final SettingsService settings;

    public SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @Post("/settings")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<Map<String, String>> updateNetwork(@Nullable @Part("settings") byte[] file, Authentication authentication) {
        settings.update(SettingsService.NETWORK, file, Actors.from(authentication));
        return JidotekiAccepted.at("/api/v1/admin/settings");
    }

    @Get("/settings")
    public JsonNode network() {
        return settings.get(SettingsService.NETWORK)
                .orElseThrow(() -> new ProblemException(ClusterErrorCode.SETTINGS_NOT_FOUND, "no network or app settings have been set"));
    }

    @Post("/storage")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<Map<String, String>> updateStorage(@Nullable @Part("settings") byte[] file, Authentication authentication) {
        settings.update(SettingsService.STORAGE, file, Actors.from(authentication));
        return JidotekiAccepted.at("/api/v1/admin/storage");
    }

    /** The stored {"storage": {...}} plus the options this cluster offers. */
    @Get("/storage")
    public Map<String, Object> storage() {
        JsonNode stored = settings.get(SettingsService.STORAGE)
                .orElseThrow(() -> new ProblemException(ClusterErrorCode.SETTINGS_NOT_FOUND, "no storage settings have been set"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("storage", stored.get("storage"));
        body.put("options", List.copyOf(settings.storageOptions()));
        return body;
    }
}
