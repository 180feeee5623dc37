package dev.steward.common.error;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
@Produces(Problem.MEDIA_TYPE)
@Requires(classes = ExceptionHandler.class)
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        Problem body = Problem.of(exception.code(), exception.getMessage(), request.getPath());
        return HttpResponse.<Problem>status(exception.code().status())
                .contentType(Problem.MEDIA_TYPE)
                .body(body);
    }
}
