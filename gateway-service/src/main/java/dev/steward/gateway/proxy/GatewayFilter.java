package dev.steward.gateway.proxy;

import dev.steward.common.error.CommonErrorCode;
import dev.steward.common.error.ErrorCode;
import dev.steward.common.error.Problem;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.steward.gateway.auth.BearerTokenAuthenticator;
import dev.steward.gateway.auth.GlusterAuthenticator;
import dev.steward.gateway.signing.GlusterJwt;
import dev.steward.gateway.auth.IdentityClient;
import dev.steward.gateway.auth.JidotekiTokenAuthenticator;
import dev.steward.gateway.auth.JuiceFsAuthenticator;
import dev.steward.gateway.auth.SignedBody;
import dev.steward.gateway.signing.JuiceFsSignature;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import dev.steward.gateway.auth.Principal;
import dev.steward.gateway.error.GatewayErrorCode;
import dev.steward.gateway.health.StorageHealth;
import dev.steward.gateway.route.Route;
import dev.steward.gateway.route.RouteTable;
import dev.steward.gateway.settings.GatewaySettings;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateway's one job per request: find the owning service, verify the caller, and forward the
 * request with the verified principal as a short-lived internal JWT in place of the caller's own
 * credentials. Services never see a client's credential and trust nothing but that JWT.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class GatewayFilter implements HttpServerFilter {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayFilter.class);
    /** The gateway's own management endpoints (health, metrics). */
    static final String OWN_PREFIX = "/gateway/";
    static final String METRICS_PATH = "/metrics";
    static final String HEALTH_PATH = "/health";

    /** Who a request on an {@code anonymous} route is, when it carries no valid credential. */
    static final Principal ANONYMOUS = new Principal("anonymous", List.of(), List.of(), "none");
    /** Who calls Gluster's peers and volumes while its {@code auth} setting is disabled. */
    static final Principal GLUSTER_AUTH_DISABLED = new Principal("gluster:auth-disabled", List.of(InternalClaims.ROLE_ADMIN),
            List.of("cluster:*", "volumes:*"), "none");
    /** Credentials carried in the query string; never forwarded. */
    static final Set<String> CREDENTIAL_PARAMETERS = Set.of("token", "hash");

    private final RouteTable routes;
    private final BearerTokenAuthenticator bearerTokens;
    private final JidotekiTokenAuthenticator jidotekiTokens;
    private final JuiceFsAuthenticator juiceFs;
    private final GlusterAuthenticator gluster;
    private final InternalTokenIssuer internalTokens;
    private final ProxyHttpClient proxy;
    private final long maxSignedBody;
    private final PrometheusMeterRegistry prometheus;
    private final StorageHealth storageHealth;
    private final GatewaySettings settings;

    public GatewayFilter(RouteTable routes, BearerTokenAuthenticator bearerTokens, JidotekiTokenAuthenticator jidotekiTokens,
                         JuiceFsAuthenticator juiceFs, GlusterAuthenticator gluster, InternalTokenIssuer internalTokens,
                         ProxyHttpClient proxy,
                         @Value("${steward.gateway.max-signed-body:10MB}") @ReadableBytes long maxSignedBody,
                         PrometheusMeterRegistry prometheus, StorageHealth storageHealth, GatewaySettings settings) {
        this.routes = routes;
        this.bearerTokens = bearerTokens;
        this.jidotekiTokens = jidotekiTokens;
        this.juiceFs = juiceFs;
        this.gluster = gluster;
        this.internalTokens = internalTokens;
        this.proxy = proxy;
        this.maxSignedBody = maxSignedBody;
        this.prometheus = prometheus;
        this.storageHealth = storageHealth;
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String path = request.getPath();
        if (path.startsWith(OWN_PREFIX)) {
            return chain.proceed(request);
        }
        if (hasDotSegment(path)) {
            return Mono.just(problem(CommonErrorCode.INVALID_REQUEST, "paths may not contain '.' or '..' segments", path));
        }
        if (path.equals(METRICS_PATH)) {
            return metrics(request);
        }
        if (path.equals(HEALTH_PATH)) {
            // Open to orchestrators, as in Garage.
            return storageHealth.answer();
        }
        Optional<Route> route = routes.match(path);
        if (route.isEmpty()) {
            return Mono.just(problem(GatewayErrorCode.NO_ROUTE, null, path));
        }
        if (route.get().gluster() && settings.httpsOnly() && !request.isSecure()) {
            return Mono.just(problem(GatewayErrorCode.HTTPS_REQUIRED, "Gluster's https setting is enabled: use https on port "
                    + settings.tlsPort(), path));
        }
        String clientIp = clientIp(request);
        return authenticate(request)
                .flatMap(principal -> principal
                        .or(() -> route.get().anonymous() ? Optional.of(ANONYMOUS) : Optional.empty())
                        .or(() -> route.get().followsGlusterAuth() && !settings.authEnabled() ? Optional.of(GLUSTER_AUTH_DISABLED) : Optional.empty())
                        .map(verified -> authorize(request, chain, route.get(), verified, clientIp))
                        .orElseGet(() -> Mono.just(refuse(GatewayErrorCode.refusal(route.get().refusalStatus()),
                                "send a valid credential for this API", request, "an unverified caller", clientIp))))
                .onErrorResume(SignedBody.TooLargeException.class,
                        e -> Mono.just(problem(CommonErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), path)))
                .onErrorResume(IdentityClient.IdentityUnavailableException.class, e -> {
                    LOG.warn("Refusing {} {}: {}", request.getMethod(), path, e.getMessage());
                    return Mono.just(problem(GatewayErrorCode.IDENTITY_UNAVAILABLE, null, path));
                });
    }

    /**
     * Garage's {@code GET /metrics}: Prometheus text for the metrics token (and admin credentials),
     * refused with 403 like the rest of the Garage API. Nothing else answers to a metrics token.
     */
    private Publisher<MutableHttpResponse<?>> metrics(HttpRequest<?> request) {
        return authenticate(request).map(principal -> {
            boolean allowed = principal.map(p -> p.roles().contains(InternalClaims.ROLE_METRICS)
                    || p.roles().contains(InternalClaims.ROLE_ADMIN)).orElse(false);
            if (!allowed) {
                return problem(GatewayErrorCode.ACCESS_DENIED, "send the metrics token", METRICS_PATH);
            }
            return (MutableHttpResponse<?>) HttpResponse.ok(prometheus.scrape()).contentType("text/plain; version=0.0.4; charset=utf-8");
        }).onErrorResume(SignedBody.TooLargeException.class,
                e -> Mono.just(problem(CommonErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), METRICS_PATH)))
          .onErrorResume(IdentityClient.IdentityUnavailableException.class,
                e -> Mono.just(problem(GatewayErrorCode.IDENTITY_UNAVAILABLE, null, METRICS_PATH)));
    }

    /**
     * The caller, verified by whichever scheme the request is signed with; empty when none verifies,
     * or when the credential is used from outside its IP ranges (then it is no credential at all).
     */
    private Mono<Optional<Principal>> authenticate(HttpRequest<?> request) {
        InetAddress client = request.getRemoteAddress().getAddress();
        return verifySignature(request).map(principal -> principal.filter(verified -> client != null && verified.mayCallFrom(client)));
    }

    private Mono<Optional<Principal>> verifySignature(HttpRequest<?> request) {
        if (jidotekiTokens.applies(request)) {
            return jidotekiTokens.authenticate(request);
        }
        Optional<JuiceFsSignature.Authorization> juiceFsAuthorization = juiceFs.authorization(request);
        if (juiceFsAuthorization.isPresent()) {
            return SignedBody.read(request, maxSignedBody)
                    .flatMap(body -> juiceFs.authenticate(request, juiceFsAuthorization.get(), body));
        }
        Optional<GlusterJwt.Token> glusterToken = gluster.token(request);
        if (glusterToken.isPresent()) {
            return SignedBody.read(request, maxSignedBody).flatMap(body -> gluster.authenticate(request, glusterToken.get(), body));
        }
        return bearerTokens.authenticate(request);
    }

    private Mono<MutableHttpResponse<?>> authorize(HttpRequest<?> request, ServerFilterChain chain, Route route, Principal principal,
                                                   String clientIp) {
        String operation = Route.operation(request.getMethodName());
        if (principal != ANONYMOUS && !principal.mayCall(route.scope(), operation)) {
            return Mono.just(refuse(GatewayErrorCode.SCOPE_MISSING, "needs scope " + route.scope() + ":" + operation,
                    request, principal.subject(), clientIp));
        }
        if (route.local()) {
            // The gateway's own controllers (system/): reachable only through here, so verified like any route.
            return Mono.from(chain.proceed(request));
        }
        return forward(request, route, principal, clientIp);
    }

    private Mono<MutableHttpResponse<?>> forward(HttpRequest<?> request, Route route, Principal principal, String clientIp) {
        String token = internalTokens.issue(principal.subject(), principal.roles(), principal.scopes(), principal.scheme(), clientIp);
        var forwarded = request.mutate()
                .uri(targetUri(route.target(), request))
                .headers(headers -> {
                    headers.remove(HttpHeaders.AUTHORIZATION);
                    headers.remove(HttpHeaders.HOST);
                    headers.add(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                    headers.set("X-Forwarded-For", clientIp); // informational only: services trust the JWT's cip
                    if (route.jsonBody() && labelledAsNonJson(request)) {
                        headers.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
                    }
                });
        return Mono.from(proxy.proxy(forwarded))
                .onErrorResume(e -> !(e instanceof io.micronaut.http.client.exceptions.HttpClientResponseException), e -> {
                    LOG.warn("{} did not answer {} {}: {}", route.service(), request.getMethod(), request.getPath(), e.toString());
                    return Mono.just(problem(GatewayErrorCode.UPSTREAM_UNAVAILABLE, route.service() + " did not answer", request.getPath()));
                });
    }

    /** The owning service's address with the request's raw path and query, minus query credentials. */
    static URI targetUri(URI service, HttpRequest<?> request) {
        String rawQuery = request.getUri().getRawQuery();
        StringBuilder target = new StringBuilder(service.getScheme()).append("://").append(service.getRawAuthority())
                .append(request.getUri().getRawPath());
        if (rawQuery != null && !rawQuery.isEmpty()) {
            String kept = Arrays.stream(rawQuery.split("&"))
                    .filter(pair -> !CREDENTIAL_PARAMETERS.contains(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair))
                    .collect(Collectors.joining("&"));
            if (!kept.isEmpty()) {
                target.append('?').append(kept);
            }
        }
        return URI.create(target.toString());
    }

    /** A body without a Content-Type, or labelled as a form (what {@code curl -d} sends). */
    static boolean labelledAsNonJson(HttpRequest<?> request) {
        if (!request.getHeaders().contains(HttpHeaders.CONTENT_LENGTH) && !request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return false;
        }
        return request.getContentType().map(type -> type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(true);
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String clientIp(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /**
     * A request refused for its credentials or scope never reaches a service, so it is not on the
     * audit trail (docs/decisions.md); this log line is its record: who tried what, from where.
     */
    private static MutableHttpResponse<?> refuse(ErrorCode code, String detail, HttpRequest<?> request, String who, String clientIp) {
        LOG.info("Refused {} {} by {} from {}: {} ({})", request.getMethodName(), request.getPath(), who, clientIp, code.name(), detail);
        return problem(code, detail, request.getPath());
    }

    private static MutableHttpResponse<?> problem(ErrorCode code, String detail, String path) {
        return HttpResponse.status(code.status()).contentType(Problem.MEDIA_TYPE).body(Problem.of(code, detail, path));
    }
}
