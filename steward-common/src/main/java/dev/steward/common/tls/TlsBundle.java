package dev.steward.common.tls;

import dev.steward.common.crypto.Crypto;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * A server certificate chain with its private key, as an operator uploads it (PEM certificate, PEM
 * key, optional PEM CA) and as the gateway serves it. {@link #parse} refuses anything a TLS server
 * could not use: unreadable PEM, an encrypted key, a key that does not belong to the certificate,
 * a certificate outside its validity period, or one the given CA did not sign.
 */
public record TlsBundle(List<X509Certificate> chain, PrivateKey privateKey, List<X509Certificate> authorities) {

    public static final String ALIAS = "steward";

    /** Why a bundle cannot be used; the message is meant for the operator. */
    public static final class InvalidBundleException extends IllegalArgumentException {
        public InvalidBundleException(String message) {
            super(message);
        }
    }

    public static TlsBundle parse(String certificatePem, String privateKeyPem, String caPem) {
        List<X509Certificate> chain = certificates(certificatePem, "public");
        PrivateKey key = privateKey(privateKeyPem);
        List<X509Certificate> authorities = caPem == null || caPem.isBlank() ? List.of() : certificates(caPem, "ca");
        X509Certificate leaf = chain.get(0);
        if (!belongsTo(key, leaf)) {
            throw new InvalidBundleException("the private key does not belong to the certificate " + leaf.getSubjectX500Principal().getName());
        }
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new InvalidBundleException("the certificate expired on " + leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new InvalidBundleException("the certificate is not valid before " + leaf.getNotBefore().toInstant());
        }
        if (!authorities.isEmpty()) {
            checkIssuedBy(chain, authorities);
        }
        return new TlsBundle(chain, key, authorities);
    }

    /** A throw-away self-signed certificate, served until an operator installs a real one. */
    public static TlsBundle selfSigned(String commonName, Duration lifetime) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + commonName);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(lifetime)), name, pair.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new TlsBundle(List.of(certificate), pair.getPrivate(), List.of());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** SHA-256 of the leaf certificate's DER encoding, hex: what operators compare with openssl's output. */
    public String fingerprint() {
        try {
            return Crypto.sha256Hex(leaf().getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key with the leaf, intermediates and CA certificates, for a TLS server. */
    public KeyStore toKeyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            List<X509Certificate> served = new ArrayList<>(chain);
            authorities.stream().filter(ca -> !served.contains(ca)).forEach(served::add);
            store.setKeyEntry(ALIAS, privateKey, new char[0], served.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a key store", e);
        }
    }

    private static List<X509Certificate> certificates(String pem, String part) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PemObject object;
            while ((object = reader.readPemObject()) != null) {
                if (!object.getType().equals("CERTIFICATE")) {
                    throw new InvalidBundleException(part + " must hold PEM certificates only, found " + object.getType());
                }
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(object.getContent())));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            if (e instanceof InvalidBundleException invalid) {
                throw invalid;
            }
            throw new InvalidBundleException(part + " is not a readable PEM certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new InvalidBundleException(part + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    private static PrivateKey privateKey(String pem) {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidBundleException("private is not a readable PEM key: " + e.getMessage());
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidBundleException("private is not a usable key: " + e.getMessage());
        }
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new InvalidBundleException("private is encrypted: send the key unencrypted");
        }
        throw new InvalidBundleException("private holds no PEM private key (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)");
    }

    /** Sign with the key and verify with the certificate: works for RSA and EC alike. */
    private static boolean belongsTo(PrivateKey key, X509Certificate certificate) {
        String keyType = key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm();
        String algorithm = switch (keyType) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null || !certificate.getPublicKey().getAlgorithm().replace("ECDSA", "EC").equals(keyType)) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Each certificate is signed by the next one given (or by a CA), and the path ends at a given CA. */
    private static void checkIssuedBy(List<X509Certificate> chain, List<X509Certificate> authorities) {
        List<X509Certificate> candidates = new ArrayList<>(chain.subList(1, chain.size()));
        candidates.addAll(authorities);
        X509Certificate current = chain.get(0);
        for (int step = 0; step <= candidates.size(); step++) {
            if (authorities.contains(current) && step > 0) {
                return;
            }
            Optional<X509Certificate> issuer = issuerOf(current, candidates);
            if (issuer.isEmpty()) {
                break;
            }
            if (authorities.contains(issuer.get())) {
                return;
            }
            current = issuer.get();
        }
        throw new InvalidBundleException("the certificate " + chain.get(0).getSubjectX500Principal().getName()
                + " is not signed by the given CA");
    }

    private static Optional<X509Certificate> issuerOf(X509Certificate certificate, List<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.equals(certificate) || !candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(candidate.getPublicKey());
                return Optional.of(candidate);
            } catch (GeneralSecurityException e) {
                // same name, other key: keep looking
            }
        }
        return Optional.empty();
    }
}
