package dev.steward.jobs.upload;

import dev.steward.common.error.CommonErrorCode;
import dev.steward.common.error.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.multipart.CompletedFileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A multipart file the HTTP server spooled (to disk when large), opened within its route's limit. */
public final class Uploads {

    private Uploads() {
    }

    /** @return null when the part was not sent (or sent empty); the route says what that means */
    public static @Nullable InputStream open(@Nullable CompletedFileUpload upload, long limit, String part) {
        if (upload == null || upload.getSize() == 0) {
            return null;
        }
        if (upload.getSize() > limit) {
            throw new ProblemException(CommonErrorCode.PAYLOAD_TOO_LARGE, "the '" + part + "' part is " + upload.getSize()
                    + " bytes; this route takes at most " + limit);
        }
        try {
            return upload.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("the spooled upload cannot be read", e);
        }
    }

    /** The whole part in memory, for formats that must be read whole (an AES-GCM update package). */
    public static byte @Nullable [] read(@Nullable CompletedFileUpload upload, long limit, String part) {
        try (InputStream in = open(upload, limit, part)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the spooled upload cannot be read", e);
        }
    }
}
