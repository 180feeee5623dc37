package dev.steward.gateway.consistency;

import dev.steward.common.consistency.OwnedView;
import dev.steward.gateway.route.Route;
import dev.steward.gateway.route.RouteTable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.steward.gateway.replica.Replicas;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers a mutation with the whole view its owning service named ({@link OwnedView}): read from
 * the service that owns that path, as the same caller, once {@link AppliedBarrier} has seen the
 * change applied there. Otherwise (still pending, refused, the view unreadable) the mutating
 * service's own answer goes out: it is true, only narrower than the reference's.
 */
@Singleton
public class OwnerView {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerView.class);

    private final RouteTable routes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public OwnerView(RouteTable routes) {
        this.routes = routes;
    }

    /** @param internalToken the caller's internal JWT, the one the mutation was forwarded with */
    public Mono<MutableHttpResponse<?>> answer(MutableHttpResponse<?> response, String internalToken) {
        String view = response.getHeaders().get(OwnedView.HEADER);
        if (view == null) {
            return Mono.just(response);
        }
        response.getHeaders().remove(OwnedView.HEADER);
        String consistency = response.getHeaders().get(AppliedBarrier.CONSISTENCY_HEADER);
        if (response.code() < 200 || response.code() >= 300 || !"applied".equals(consistency)) {
            return Mono.just(response);
        }
        Optional<Replicas> owner = owner(view);
        if (owner.isEmpty()) {
            LOG.warn("No service owns the view {}; answering with the mutation's own body", view);
            return Mono.just(response);
        }
        return owner.get().call(true, replica -> Mono.fromFuture(() -> http.sendAsync(HttpRequest.newBuilder(replica.resolve(view))
                                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + internalToken)
                                .header("Accept", MediaType.APPLICATION_JSON).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray())))
                .<MutableHttpResponse<?>>map(whole -> {
                    if (whole.statusCode() != 200) {
                        LOG.warn("The view {} answered {}; answering with the mutation's own body", view, whole.statusCode());
                        return response;
                    }
                    return HttpResponse.status(response.getStatus()).contentType(MediaType.APPLICATION_JSON_TYPE)
                            .header(AppliedBarrier.CONSISTENCY_HEADER, consistency).body(whole.body());
                })
                .onErrorResume(unreachable -> {
                    LOG.warn("The view {} could not be read: {}", view, unreachable.toString());
                    return Mono.just(response);
                });
    }

    private Optional<Replicas> owner(String view) {
        if (!view.startsWith("/")) {
            return Optional.empty();
        }
        String path = view.contains("?") ? view.substring(0, view.indexOf('?')) : view;
        return routes.match(path).filter(route -> !route.local()).map(Route::target);
    }
}
