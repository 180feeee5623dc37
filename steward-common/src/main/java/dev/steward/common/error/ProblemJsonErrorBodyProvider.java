package dev.steward.common.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Turns the framework's own errors (unreadable JSON, failed validation, unknown route, wrong method,
 * refused authentication) into RFC 9457 problem+json, so that every error body a service sends has
 * one shape and one registry code.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemJsonErrorBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        CommonErrorCode code = CommonErrorCode.forStatus(response.code());
        if (code == CommonErrorCode.INVALID_REQUEST && context.getRootCause()
                .map(cause -> cause.getClass().getName().contains("Json") || cause.getClass().getName().contains("Conversion"))
                .orElse(false)) {
            code = CommonErrorCode.MALFORMED_REQUEST;
        }
        String detail = context.hasErrors()
                ? context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "))
                : null;
        if (code == CommonErrorCode.INTERNAL) {
            detail = null; // never leak internals
        }
        return new Problem(code.type(), code.title(), response.code(), detail, context.getRequest().getPath(), code.name(), null, null);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }
}
