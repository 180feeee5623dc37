package dev.steward.gateway.replica;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The replicas of one service and the order to try them in: round-robin, so load spreads, with
 * any replica that recently refused a connection moved behind the others (still tried last, so a
 * service whose every replica restarted at once is found again without waiting).
 */
public final class Replicas {

    private static final Logger LOG = LoggerFactory.getLogger(Replicas.class);

    private final String service;
    private final List<URI> urls;
    private final long backoffNanos;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<URI, Long> refusedAtNanos = new ConcurrentHashMap<>();

    Replicas(String service, List<URI> urls, Duration backoff) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no address for " + service);
        }
        this.service = service;
        this.urls = List.copyOf(urls);
        this.backoffNanos = backoff.toNanos();
    }

    /** One address, as a route built in a test has. */
    public static Replicas single(String service, URI url) {
        return new Replicas(service, List.of(url), Duration.ofSeconds(5));
    }

    /**
     * {@code steward.gateway.services.<service>.url}: one address or several separated by commas,
     * each an absolute http(s) URL without a path (the request's own path is appended).
     */
    public static Replicas parse(String service, String configured, Duration backoff) {
        LinkedHashSet<URI> urls = new LinkedHashSet<>();
        for (String part : configured.split(",")) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI url;
            try {
                url = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("steward.gateway.services." + service + ".url: '" + trimmed + "' is not a URL");
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                    || !(url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/"))
                    || url.getRawQuery() != null) {
                throw new IllegalArgumentException("steward.gateway.services." + service + ".url: '" + trimmed
                        + "' must be http(s)://host:port with no path");
            }
            if (!urls.add(url)) {
                throw new IllegalArgumentException("steward.gateway.services." + service + ".url lists " + trimmed + " twice");
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("steward.gateway.services." + service + ".url is empty");
        }
        return new Replicas(service, new ArrayList<>(urls), backoff);
    }

    public String service() {
        return service;
    }

    public List<URI> all() {
        return urls;
    }

    /** Every replica once, in the order to try them for one request. */
    public List<URI> order() {
        return order(System.nanoTime());
    }

    List<URI> order(long nowNanos) {
        int start = Math.floorMod(next.getAndIncrement(), urls.size());
        List<URI> healthy = new ArrayList<>(urls.size());
        List<URI> refused = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            URI url = urls.get((start + i) % urls.size());
            Long refusedAt = refusedAtNanos.get(url);
            (refusedAt != null && nowNanos - refusedAt < backoffNanos ? refused : healthy).add(url);
        }
        healthy.addAll(refused);
        return healthy;
    }

    /**
     * {@code attempt} on the first replica in {@link #order()}, then on the next for as long as
     * {@link Failover} allows the request to move on; the last failure otherwise.
     *
     * @param repeatable whether sending it twice changes nothing ({@link Failover#repeatable})
     */
    public <T> Mono<T> call(boolean repeatable, Function<URI, Mono<T>> attempt) {
        return call(repeatable, attempt, order(), 0);
    }

    private <T> Mono<T> call(boolean repeatable, Function<URI, Mono<T>> attempt, List<URI> order, int index) {
        URI replica = order.get(index);
        return Mono.defer(() -> attempt.apply(replica))
                .doOnNext(answer -> answered(replica))
                .onErrorResume(failure -> {
                    Failover.Next next = Failover.after(repeatable, failure);
                    if (next == Failover.Next.NOTHING_DONE_TRY_NEXT) {
                        refused(replica);
                    }
                    if (next == Failover.Next.STOP || index + 1 >= order.size()) {
                        return Mono.error(failure);
                    }
                    LOG.info("{} at {} failed ({}): trying {}", service, replica, failure.toString(), order.get(index + 1));
                    return call(repeatable, attempt, order, index + 1);
                });
    }

    /** {@code url} refused a connection: try it last for a while. */
    public void refused(URI url) {
        refused(url, System.nanoTime());
    }

    void refused(URI url, long nowNanos) {
        refusedAtNanos.put(url, nowNanos);
    }

    /** {@code url} answered: it takes its turn again. */
    public void answered(URI url) {
        refusedAtNanos.remove(url);
    }

    @Override
    public String toString() {
        return service + urls;
    }
}
