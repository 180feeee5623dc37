package dev.steward.common.idempotency;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
@Requires(classes = ExceptionHandler.class)
public class ReplayedResponseHandler implements ExceptionHandler<ReplayedResponse, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, ReplayedResponse replayed) {
        return replayed.response();
    }
}
