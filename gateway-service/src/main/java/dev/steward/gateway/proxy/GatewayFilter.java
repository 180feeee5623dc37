package dev.steward.gateway.proxy;

import dev.steward.common.error.CommonErrorCode;
import dev.steward.common.error.ErrorCode;
import dev.steward.common.error.Problem;
import dev.steward.common.trace.RequestTracing;
import dev.steward.common.trace.Traceparent;
import dev.steward.gateway.auth.AccessPolicy;
import dev.steward.gateway.auth.AuthLimits;
import dev.steward.gateway.auth.Authenticators;
import dev.steward.gateway.auth.IdentityClient;
import dev.steward.gateway.auth.InternalTokens;
import dev.steward.gateway.auth.JidotekiTokenAuthenticator;
import dev.steward.gateway.auth.PresentedCredential;
import dev.steward.gateway.auth.Principal;
import dev.steward.gateway.consistency.AppliedBarrier;
import dev.steward.gateway.consistency.OwnerView;
import dev.steward.gateway.auth.ReplayGuard;
import dev.steward.gateway.auth.SignedBody;
import dev.steward.gateway.auth.Verification;
import dev.steward.gateway.error.GatewayErrorCode;
import dev.steward.gateway.log.AccessLog;
import dev.steward.gateway.limit.RequestThrottle;
import dev.steward.gateway.metrics.GatewayMetrics;
import dev.steward.gateway.replica.Failover;
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

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateway's one job per request, in order: find the route, pick the request's scheme once,
 * verify its credential, let {@link AccessPolicy} decide, refuse a replayed write signature, then
 * answer locally or forward with the verified principal as a short-lived internal JWT in place of
 * the caller's own credentials; a mutation's answer waits for its effect everywhere ({@link AppliedBarrier})
 * and is the view its reference names ({@link OwnerView}). Services never see a client's credential and trust nothing but that JWT.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class GatewayFilter implements HttpServerFilter {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayFilter.class);
    /** Credentials carried in the query string on Jidoteki routes; never forwarded. */
    static final Set<String> CREDENTIAL_PARAMETERS = Set.of(JidotekiTokenAuthenticator.TOKEN, JidotekiTokenAuthenticator.HASH);
    private static final byte[] NO_BODY = new byte[0];
    /** Seconds until a client retries a request no replica could take: a restarted service answers within seconds. */
    static final String UPSTREAM_RETRY_AFTER = "1";

    private final RouteTable routes;
    private final Authenticators authenticators;
    private final AccessPolicy policy;
    private final ReplayGuard replays;
    private final InternalTokens internalTokens;
    private final ProxyHttpClient proxy;
    private final AuthLimits limits;
    private final GatewaySettings settings;
    private final AppliedBarrier barrier;
    private final OwnerView ownerView;
    private final RequestThrottle throttle;
    private final ProxyLimits proxyLimits;
    private final GatewayMetrics metrics;
    private final AccessLog accessLog;

    public GatewayFilter(RouteTable routes, Authenticators authenticators, AccessPolicy policy, ReplayGuard replays,
                         InternalTokens internalTokens, ProxyHttpClient proxy, AuthLimits limits, GatewaySettings settings,
                         AppliedBarrier barrier, OwnerView ownerView, RequestThrottle throttle, ProxyLimits proxyLimits,
                         GatewayMetrics metrics, AccessLog accessLog) {
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.throttle = throttle;
        this.proxyLimits = proxyLimits;
        this.routes = routes;
        this.authenticators = authenticators;
        this.policy = policy;
        this.replays = replays;
        this.internalTokens = internalTokens;
        this.proxy = proxy;
        this.limits = limits;
        this.settings = settings;
        this.barrier = barrier;
        this.ownerView = ownerView;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        long started = System.nanoTime();
        String path = request.getPath();
        if (hasDotSegment(path)) {
            return observed(request, null, null, started,
                    Mono.just(problem(CommonErrorCode.INVALID_REQUEST, "paths may not contain '.' or '..' segments", path)));
        }
        Optional<Route> found = routes.match(path);
        if (found.isEmpty()) {
            return observed(request, null, null, started, Mono.just(problem(GatewayErrorCode.NO_ROUTE, null, path)));
        }
        Route route = found.get();
        RequestTracing.name(request, request.getMethodName() + " " + route.pattern(), route.pattern());
        Optional<PresentedCredential> presented = authenticators.presented(request);
        return observed(request, route, presented.map(PresentedCredential::scheme).orElse(null), started,
                handle(request, chain, route, presented));
    }

    /** Counts the answer and writes its access-log line, once it is emitted. */
    private Mono<MutableHttpResponse<?>> observed(HttpRequest<?> request, Route route, String scheme, long started,
                                                 Mono<MutableHttpResponse<?>> answer) {
        return metrics.observe(route, scheme, started, answer)
                .doOnNext(response -> accessLog.record(request, route, scheme, response, clientIp(request), System.nanoTime() - started));
    }

    private Mono<MutableHttpResponse<?>> handle(HttpRequest<?> request, ServerFilterChain chain, Route route,
                                                Optional<PresentedCredential> presented) {
        String path = request.getPath();
        if (route.gluster() && settings.httpsOnly() && !request.isSecure()) {
            return Mono.just(problem(GatewayErrorCode.HTTPS_REQUIRED, "Gluster's https setting is enabled: use https on port "
                    + settings.tlsPort(), path));
        }
        String clientIp = clientIp(request);
        Optional<Duration> clientWait = throttle.admitClient(clientIp);
        if (clientWait.isPresent()) {
            return Mono.just(tooMany(clientWait.get(), "this address sent too many requests or failed credentials", path));
        }
        Optional<AccessPolicy.Refused> inadmissible = presented.flatMap(credential -> policy.admitScheme(route, credential));
        if (inadmissible.isPresent()) {
            return Mono.just(refuse(inadmissible.get(), request, clientIp));
        }
        String operation = route.operation(request.getMethodName());
        return verify(request, presented)
                .flatMap(verification -> {
                    if (verification.failure() != null) {
                        throttle.failed(clientIp);
                    }
                    AccessPolicy.Decision decision = policy.decide(route, operation, verification,
                            request.getRemoteAddress().getAddress(), settings.authEnabled());
                    if (decision instanceof AccessPolicy.Refused refused) {
                        return Mono.just(refuse(refused, request, clientIp));
                    }
                    Principal principal = ((AccessPolicy.Allowed) decision).principal();
                    Optional<Duration> principalWait = throttle.admitPrincipal(principal.subject());
                    if (principalWait.isPresent()) {
                        return Mono.just(tooMany(principalWait.get(), "this credential sent too many requests", path));
                    }
                    return firstUse(operation, verification).flatMap(first -> first
                            ? proceed(request, chain, route, principal, clientIp)
                            : Mono.just(refuse(new AccessPolicy.Refused(GatewayErrorCode.refusal(route.refusalStatus()),
                                    "this signature was already used; sign the request again", principal.subject()), request, clientIp)));
                })
                .onErrorResume(SignedBody.TooLargeException.class,
                        e -> Mono.just(problem(CommonErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), path)))
                .onErrorResume(IdentityClient.IdentityUnavailableException.class, e -> {
                    LOG.warn("Refusing {} {}: {}", request.getMethod(), path, e.getMessage());
                    return Mono.just(problem(GatewayErrorCode.IDENTITY_UNAVAILABLE, "identity-service does not answer; nothing was done", path)
                            .header(HttpHeaders.RETRY_AFTER, UPSTREAM_RETRY_AFTER));
                });
    }

    private Mono<Verification> verify(HttpRequest<?> request, Optional<PresentedCredential> presented) {
        if (presented.isEmpty()) {
            return Mono.just(Verification.NONE);
        }
        PresentedCredential credential = presented.get();
        return credential.signsBody()
                ? SignedBody.read(request, limits.maxSignedBody()).flatMap(credential::verify)
                : credential.verify(NO_BODY);
    }

    /** A write's signature counts once; reads, and credentials that are not signatures, are not remembered. */
    private Mono<Boolean> firstUse(String operation, Verification verification) {
        if (!operation.equals("write") || verification.signature().isEmpty()) {
            return Mono.just(true);
        }
        return replays.firstUse(verification.signature().get(), Instant.now());
    }

    private Mono<MutableHttpResponse<?>> proceed(HttpRequest<?> request, ServerFilterChain chain, Route route, Principal principal,
                                                 String clientIp) {
        request.setAttribute(Principal.ATTRIBUTE, principal); // for the gateway's own controllers and the access log
        if (route.local()) {
            // The gateway's own controllers: reachable only through here, so decided on like any route.
            return Mono.from(chain.proceed(request)).doOnNext(answer -> answer.setAttribute(GatewayMetrics.OUTCOME, GatewayMetrics.LOCAL));
        }
        String token = internalTokens.forCaller(principal, clientIp);
        Duration answerTimeout = route.timeout() == null ? proxyLimits.answerTimeout() : route.timeout();
        // The body is claimed only once a connection is open, so after a refused one it is still there for the next replica.
        boolean repeatable = Failover.repeatable(request.getMethodName(), "write".equals(route.operation(request.getMethodName())));
        return route.target().call(repeatable,
                        replica -> Mono.from(proxy.proxy(forwarded(request, route, token, clientIp, replica))).timeout(answerTimeout))
                .flatMap(barrier::await)
                .flatMap(answer -> ownerView.answer(answer, token))
                .doOnNext(answer -> answer.setAttribute(GatewayMetrics.OUTCOME, GatewayMetrics.FORWARDED))
                .onErrorResume(e -> !(e instanceof io.micronaut.http.client.exceptions.HttpClientResponseException), e -> {
                    LOG.warn("{} did not answer {} {}: {}", route.service(), request.getMethod(), request.getPath(), e.toString());
                    // Refused means nothing reached the service; any other failure leaves the outcome open.
                    String detail = refusedConnection(e) ? route.service() + " is not reachable; nothing was done"
                            : route.service() + " did not answer" + (e instanceof java.util.concurrent.TimeoutException
                                    ? " within " + answerTimeout.toSeconds() + " s" : "") + "; the request may or may not have been applied";
                    return Mono.just(problem(GatewayErrorCode.UPSTREAM_UNAVAILABLE, detail, request.getPath())
                            .header(HttpHeaders.RETRY_AFTER, UPSTREAM_RETRY_AFTER));
                });
    }

    /**
     * The request as it goes to {@code replica}. One without a body is built afresh, so a second
     * attempt after a replica died mid-request does not claim the server request's body again; one
     * with a body streams it through and moves on only from a refused connection, before it was read.
     */
    private static io.micronaut.http.MutableHttpRequest<?> forwarded(HttpRequest<?> request, Route route, String token, String clientIp,
                                                                    URI replica) {
        URI target = targetUri(replica, request, route.access().queryCredentials());
        io.micronaut.http.MutableHttpRequest<?> forwarded;
        if (hasBody(request) || request.getMethod() == io.micronaut.http.HttpMethod.CUSTOM) {
            forwarded = request.mutate().uri(target);
        } else {
            io.micronaut.http.MutableHttpRequest<Object> fresh = HttpRequest.create(request.getMethod(), target.toString());
            request.getHeaders().forEach((name, values) -> values.forEach(value -> fresh.getHeaders().add(name, value)));
            forwarded = fresh;
        }
        return forwarded
                .headers(headers -> {
                    headers.remove(HttpHeaders.AUTHORIZATION);
                    headers.remove(HttpHeaders.HOST);
                    headers.add(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                    headers.set("X-Forwarded-For", clientIp); // informational only: services trust the JWT's cip
                    // The service's span is a child of this gateway's, not of whatever the client sent.
                    RequestTracing.context(request).flatMap(Traceparent::of)
                            .ifPresentOrElse(parent -> headers.set(Traceparent.HEADER, parent), () -> headers.remove(Traceparent.HEADER));
                    if (route.jsonBody() && labelledAsNonJson(request)) {
                        headers.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
                    }
                });
    }

    /** The owning service's address with the request's raw path and query, minus query credentials where they are ones. */
    static URI targetUri(URI service, HttpRequest<?> request, boolean stripCredentials) {
        String rawQuery = request.getUri().getRawQuery();
        StringBuilder target = new StringBuilder(service.getScheme()).append("://").append(service.getRawAuthority())
                .append(request.getUri().getRawPath());
        if (rawQuery != null && !rawQuery.isEmpty()) {
            String kept = Arrays.stream(rawQuery.split("&"))
                    .filter(pair -> !stripCredentials
                            || !CREDENTIAL_PARAMETERS.contains(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair))
                    .collect(Collectors.joining("&"));
            if (!kept.isEmpty()) {
                target.append('?').append(kept);
            }
        }
        return URI.create(target.toString());
    }

    static boolean hasBody(HttpRequest<?> request) {
        return request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.getHeaders().contentLength().orElse(0L) > 0;
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
     * A request refused for its credentials, role or scope never reaches a service, so it is not on
     * the audit trail (docs/decisions.md); this log line is its record: who tried what, from where.
     */
    private static MutableHttpResponse<?> refuse(AccessPolicy.Refused refused, HttpRequest<?> request, String clientIp) {
        LOG.info("Refused {} {} by {} from {}: {} ({})", request.getMethodName(), request.getPath(), refused.who(), clientIp,
                refused.code().name(), refused.detail());
        refused.verifiedCaller().ifPresent(caller -> request.setAttribute(AccessLog.REFUSED_CALLER, caller));
        return problem(refused.code(), refused.detail(), request.getPath());
    }

    static boolean refusedConnection(Throwable failure) {
        return Failover.refusedConnection(failure);
    }

    private static MutableHttpResponse<?> tooMany(Duration wait, String detail, String path) {
        return problem(GatewayErrorCode.TOO_MANY_REQUESTS, detail, path).header(HttpHeaders.RETRY_AFTER, RequestThrottle.retryAfter(wait));
    }

    private static MutableHttpResponse<?> problem(ErrorCode code, String detail, String path) {
        return HttpResponse.status(code.status()).contentType(Problem.MEDIA_TYPE).body(Problem.of(code, detail, path));
    }
}
