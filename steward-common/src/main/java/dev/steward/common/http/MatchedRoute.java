package dev.steward.common.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;

import java.util.Optional;

/** The URI template of the route a request matched ({@code /v1/bucket/{id}}): bounded, unlike its path. */
public final class MatchedRoute {

    private MatchedRoute() {
    }

    public static Optional<String> template(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(info -> ((UriRouteInfo<?, ?>) info).getUriMatchTemplate().toPathString());
    }
}
