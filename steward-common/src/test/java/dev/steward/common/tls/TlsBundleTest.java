package dev.steward.common.tls;

import dev.steward.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsBundleTest {

    private static final TestCertificates.Issued CA = TestCertificates.authority("Steward Test CA");
    private static final TestCertificates.Issued HOST = TestCertificates.issue("storage.example", CA);

    private static String message(Runnable parse) {
        return assertThrows(TlsBundle.InvalidBundleException.class, parse::run).getMessage();
    }

    @Test
    void aMatchingPairSignedByTheCaIsAccepted() throws Exception {
        TlsBundle bundle = TlsBundle.parse(HOST.certificatePem(), HOST.privateKeyPem(), CA.certificatePem());
        assertEquals(HOST.certificate(), bundle.leaf());
        assertTrue(bundle.fingerprint().matches("[0-9a-f]{64}"));
        KeyStore store = bundle.toKeyStore();
        assertEquals(2, store.getCertificateChain(TlsBundle.ALIAS).length, "leaf and CA are served");
        // PKCS#8 ("PRIVATE KEY") is read as well as PKCS#1.
        TlsBundle.parse(HOST.certificatePem(), TestCertificates.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                HOST.keys().getPrivate(), null)), null);
    }

    @Test
    void everyUnusableBundleIsRefusedWithItsReason() {
        TestCertificates.Issued other = TestCertificates.issue("other.example", CA);
        assertTrue(message(() -> TlsBundle.parse(HOST.certificatePem(), other.privateKeyPem(), null)).contains("does not belong"));
        assertTrue(message(() -> TlsBundle.parse("not a certificate", HOST.privateKeyPem(), null)).contains("no PEM certificate"));
        assertTrue(message(() -> TlsBundle.parse(HOST.certificatePem(), "junk", null)).contains("no PEM private key"));
        assertTrue(message(() -> TlsBundle.parse(HOST.privateKeyPem(), HOST.privateKeyPem(), null)).contains("certificates only"));
        String broken = HOST.certificatePem().replace("\n-----END", "AAAA\n-----END").replaceFirst("MII", "MIX");
        assertTrue(message(() -> TlsBundle.parse(broken, HOST.privateKeyPem(), null)).contains("not a readable PEM certificate"));

        TestCertificates.Issued expired = TestCertificates.issue("old.example", CA, Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));
        assertTrue(message(() -> TlsBundle.parse(expired.certificatePem(), expired.privateKeyPem(), null)).contains("expired"));

        TestCertificates.Issued otherCa = TestCertificates.authority("Another CA");
        assertTrue(message(() -> TlsBundle.parse(HOST.certificatePem(), HOST.privateKeyPem(), otherCa.certificatePem()))
                .contains("not signed by the given CA"));
    }

    @Test
    void anIntermediateInThePublicPartLinksTheLeafToTheCa() {
        TestCertificates.Issued intermediate = TestCertificates.authority("Intermediate");
        // An "intermediate" that the CA did not sign does not link anything.
        TestCertificates.Issued leaf = TestCertificates.issue("deep.example", intermediate);
        assertTrue(message(() -> TlsBundle.parse(leaf.certificatePem() + intermediate.certificatePem(), leaf.privateKeyPem(),
                CA.certificatePem())).contains("not signed by the given CA"));
        TlsBundle direct = TlsBundle.parse(leaf.certificatePem() + intermediate.certificatePem(), leaf.privateKeyPem(),
                intermediate.certificatePem());
        assertEquals(leaf.certificate(), direct.leaf());
    }

    @Test
    void aSelfSignedBundleServesItself() throws Exception {
        TlsBundle bundle = TlsBundle.selfSigned("steward-gateway", Duration.ofDays(1));
        X509Certificate certificate = bundle.leaf();
        certificate.verify(certificate.getPublicKey());
        assertEquals(1, bundle.toKeyStore().getCertificateChain(TlsBundle.ALIAS).length);
    }
}
