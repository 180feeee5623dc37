package dev.steward.identity.export;

import dev.steward.common.error.ProblemException;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Set;

/** The JuiceFS console API's export shapes: {@code desc}, {@code iprange}, {@code apionly}, {@code readonly}, {@code appendonly}. */
public final class ExportViews {

    private ExportViews() {
    }

    /** POST needs iprange; PUT changes the fields present. */
    public record ExportRequest(@Nullable String desc, @Nullable String iprange, @Nullable Boolean apionly,
                                @Nullable Boolean readonly, @Nullable Boolean appendonly) {

        static final Set<String> FIELDS = Set.of("desc", "iprange", "apionly", "readonly", "appendonly");

        /**
         * Read strictly from the JSON tree: a string where a flag belongs ("yes") or a number where a
         * range belongs is refused, not coerced, and unknown fields are refused rather than ignored.
         */
        static ExportRequest from(@Nullable JsonNode body) {
            if (body == null) {
                return null;
            }
            if (!body.isObject()) {
                throw invalid("send a JSON object");
            }
            for (java.util.Map.Entry<String, JsonNode> entry : body.entries()) {
                String field = entry.getKey();
                if (!FIELDS.contains(field)) {
                    throw invalid("unknown field '" + field + "'; exports have " + String.join(", ", FIELDS.stream().sorted().toList()));
                }
            }
            return new ExportRequest(text(body, "desc"), text(body, "iprange"), flag(body, "apionly"), flag(body, "readonly"),
                    flag(body, "appendonly"));
        }

        private static String text(JsonNode body, String field) {
            JsonNode value = body.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isString()) {
                throw invalid(field + " must be a string");
            }
            return value.getStringValue();
        }

        private static Boolean flag(JsonNode body, String field) {
            JsonNode value = body.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                throw invalid(field + " must be true or false");
            }
            return value.getBooleanValue();
        }

        private static ProblemException invalid(String detail) {
            return new ProblemException(IdentityErrorCode.EXPORT_INVALID, detail);
        }
    }

    @Serdeable
    public record ExportView(long id, long volume, String desc, String iprange, boolean apionly, boolean readonly,
                             boolean appendonly, Instant created, @Nullable Instant updated) {

        static ExportView of(VolumeExport export) {
            return new ExportView(export.id(), export.volumeId(), export.description(), export.ipRange(), export.apiOnly(),
                    export.readOnly(), export.appendOnly(), export.createdAt(), export.updatedAt());
        }
    }

    /** Event data: the export after the change (ExportCreated/Updated) or before it (ExportDeleted). */
    @Serdeable
    public record ExportChanged(long volumeId, long exportId, String iprange, boolean apionly, boolean readonly, boolean appendonly) {

        static ExportChanged of(VolumeExport export) {
            return new ExportChanged(export.volumeId(), export.id(), export.ipRange(), export.apiOnly(), export.readOnly(), export.appendOnly());
        }
    }
}
