package dev.steward.gateway.settings;

import dev.steward.common.tls.TlsBundle;
import dev.steward.gateway.auth.IdentityClient;
import io.micronaut.http.ssl.CertificateProvider;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.security.KeyStore;
import java.time.Duration;

/**
 * The certificate the gateway's HTTPS listener serves ({@code micronaut.server.ssl.key-name}). It
 * starts with a self-signed certificate and switches to the uploaded one (Jidoteki /certs) as soon
 * as identity-service has it; every new key store published here is picked up by the running
 * server for new connections, so a certificate change needs no restart.
 */
@Singleton
@Named(GatewayCertificates.NAME)
public class GatewayCertificates implements CertificateProvider {

    public static final String NAME = "steward";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCertificates.class);

    private final Sinks.Many<KeyStore> keyStores = Sinks.many().replay().latest();
    private final IdentityClient identity;
    private volatile String servedFingerprint;

    public GatewayCertificates(IdentityClient identity) {
        this.identity = identity;
        TlsBundle selfSigned = TlsBundle.selfSigned("steward-gateway", Duration.ofDays(365));
        serve(selfSigned, "a self-signed certificate (upload one with POST /api/v1/admin/certs)");
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Publisher<KeyStore> getKeyStore() {
        return keyStores.asFlux();
    }

    /** SHA-256 of the certificate being served. */
    public String servedFingerprint() {
        return servedFingerprint;
    }

    /** Loads the uploaded certificate, retrying while identity-service cannot answer. */
    public Mono<String> reload() {
        return identity.tlsCertificate()
                .retryWhen(IdentityClient.UNTIL_AVAILABLE
                        .doBeforeRetry(signal -> LOG.warn("Cannot load the TLS certificate yet: {}", signal.failure().getMessage())))
                .map(served -> {
                    served.filter(certificate -> !certificate.fingerprint().equals(servedFingerprint)).ifPresent(certificate -> {
                        try {
                            TlsBundle bundle = TlsBundle.parse(certificate.certificate(), certificate.privateKey(), certificate.ca());
                            serve(bundle, bundle.leaf().getSubjectX500Principal().getName());
                        } catch (TlsBundle.InvalidBundleException e) {
                            // Validated on upload; it can still expire later. Keep serving what we have.
                            LOG.error("Not serving the uploaded TLS certificate: {}", e.getMessage());
                        }
                    });
                    return servedFingerprint;
                });
    }

    private void serve(TlsBundle bundle, String what) {
        keyStores.tryEmitNext(bundle.toKeyStore()).orThrow();
        servedFingerprint = bundle.fingerprint();
        LOG.info("Serving TLS with {} (SHA-256 {})", what, bundle.fingerprint());
    }
}
