package dev.steward.jobs.support;

import dev.steward.common.archive.TarArchives;
import dev.steward.common.backup.BackupMessages;
import dev.steward.common.crypto.Crypto;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.jobs.error.JobsErrorCode;
import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobHandler;
import dev.steward.jobs.job.JobService;
import dev.steward.jobs.job.JobViews;
import dev.steward.jobs.node.KnownNodeRepository;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Jidoteki {@code /logs} (logs.tar.gz, not encrypted: logs hold no secrets) and {@code /debug}
 * (debug-bundle.tar: logs plus job history, release and nodes, encrypted for the vendor with
 * {@code steward.jobs.debug-public-key}, an RSA key, so only the system's developers can read it).
 */
@Singleton
public class SupportService implements JobHandler {

    public static final String LOGS = "logs";
    public static final String DEBUG = "debug";
    static final byte[] DEBUG_MAGIC = "STWDDBG1".getBytes(StandardCharsets.US_ASCII);
    static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private final SupportBundles bundles;
    private final JobService jobs;
    private final KnownNodeRepository nodes;
    private final JsonMapper json;
    private final PublicKey debugKey;

    public SupportService(SupportBundles bundles, JobService jobs, KnownNodeRepository nodes, JsonMapper json,
                          @Nullable @Value("${steward.jobs.debug-public-key:}") String debugPublicKey) {
        this.bundles = bundles;
        this.jobs = jobs;
        this.nodes = nodes;
        this.json = json;
        this.debugKey = debugPublicKey == null || debugPublicKey.isBlank() ? null : rsaKey(debugPublicKey);
    }

    /** Handles both kinds; a collection whose request went away (a crash) is closed as failed. */
    @Override
    public String kind() {
        return LOGS;
    }

    @Override
    public void advance(Job job) {
        if (job.createdAt().plus(Duration.ofMinutes(2)).isBefore(Instant.now())) {
            jobs.fail(job, null, "Abandoned", "Failed: the request that started this collection is gone");
        }
    }

    public byte[] logs(Actor actor) {
        SupportBundles.Collected collected = bundles.collect(LOGS, actor);
        return gzip(TarArchives.write(files(collected), Instant.now().getEpochSecond()));
    }

    public byte[] debug(Actor actor) {
        if (debugKey == null) {
            throw new ProblemException(JobsErrorCode.DEBUG_KEY_MISSING, "set STEWARD_DEBUG_PUBLIC_KEY to the vendor's RSA public key");
        }
        SupportBundles.Collected collected = bundles.collect(DEBUG, actor);
        Map<String, byte[]> files = files(collected);
        try {
            List<Job> recent = jobs.list(null, 50);
            files.put("jobs.json", json.writeValueAsBytes(recent.stream().map(job -> JobViews.jidotekiStatus(job, jobs.lastLines(job.id()))).toList()));
            files.put("nodes.json", json.writeValueAsBytes(nodes.findAll().stream().map(node -> Map.of("nodeId", node.nodeId(),
                    "address", node.address(), "connectedAt", node.connectedAt().toString())).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seal(TarArchives.write(files, Instant.now().getEpochSecond()));
    }

    private static Map<String, byte[]> files(SupportBundles.Collected collected) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        collected.logs().forEach((part, text) -> files.put("logs/" + (part.startsWith(BackupMessages.GATEWAY_LOGS_PART_PREFIX) ? part : part + "-service")
                + ".log", text.getBytes(StandardCharsets.UTF_8)));
        if (!collected.missing().isEmpty()) {
            files.put("logs/MISSING.txt", ("No answer within the wait from: " + String.join(", ", collected.missing()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    /** STWDDBG1, 2-byte length, RSA-OAEP(SHA-256) wrapped AES key, 12-byte nonce, AES-256-GCM ciphertext. */
    private byte[] seal(byte[] tar) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey key = generator.generateKey();
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, debugKey, OAEP);
            byte[] wrapped = rsa.doFinal(key.getEncoded());
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            aes.updateAAD(DEBUG_MAGIC);
            byte[] sealed = aes.doFinal(tar);
            return ByteBuffer.allocate(DEBUG_MAGIC.length + 2 + wrapped.length + nonce.length + sealed.length)
                    .put(DEBUG_MAGIC).putShort((short) wrapped.length).put(wrapped).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the debug bundle", e);
        }
    }

    private static PublicKey rsaKey(String configured) {
        try {
            return Crypto.publicKey(configured, "RSA");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("steward.jobs.debug-public-key: " + e.getMessage(), e);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
