package dev.steward.identity.export;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.net.IpRange;
import dev.steward.common.outbox.Outbox;
import dev.steward.identity.audit.AuditTrail;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.core.annotation.Nullable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * JuiceFS client ACLs. A volume exists for identity-service once cluster-service has announced it
 * (ClusterVolumeProjection); its deletion takes the volume's exports with it.
 */
@Singleton
public class ExportService {

    public static final String EXPORT_CREATED = EventTypes.type("identity", "ExportCreated");
    public static final String EXPORT_UPDATED = EventTypes.type("identity", "ExportUpdated");
    public static final String EXPORT_DELETED = EventTypes.type("identity", "ExportDeleted");
    static final int MAX_DESCRIPTION = 256;

    private final VolumeExportRepository exports;
    private final Outbox outbox;
    private final AuditTrail audit;

    public ExportService(VolumeExportRepository exports, Outbox outbox, AuditTrail audit) {
        this.exports = exports;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Snapshot
    public List<VolumeExport> list(long volumeId) {
        if (!exports.volumeExists(volumeId)) {
            throw volumeNotFound(volumeId);
        }
        return exports.findByVolumeIdOrderById(volumeId);
    }

    @Snapshot
    public VolumeExport get(long volumeId, long exportId) {
        return exports.findByIdAndVolumeId(exportId, volumeId).orElseThrow(() -> notFound(volumeId, exportId));
    }

    @Transactional
    public VolumeExport create(long volumeId, @Nullable ExportViews.ExportRequest request, Actor actor) {
        lockVolume(volumeId);
        if (request == null || request.iprange() == null) {
            throw new ProblemException(IdentityErrorCode.EXPORT_INVALID,
                    "send {\"desc\", \"iprange\", \"apionly\", \"readonly\", \"appendonly\"}; iprange is required");
        }
        IpRange range = parseRange(request.iprange());
        String description = checkDescription(request.desc() == null ? "" : request.desc());
        boolean readOnly = Boolean.TRUE.equals(request.readonly());
        boolean appendOnly = Boolean.TRUE.equals(request.appendonly());
        checkModes(readOnly, appendOnly);
        checkRangeFree(volumeId, range.canonical());
        VolumeExport export = exports.save(new VolumeExport(null, volumeId, description, request.iprange().strip(), range.canonical(),
                Boolean.TRUE.equals(request.apionly()), readOnly, appendOnly, now(), null));
        announce(EXPORT_CREATED, export, actor);
        return export;
    }

    /** The fields present change; the others keep their values. */
    @Transactional
    public VolumeExport update(long volumeId, long exportId, @Nullable ExportViews.ExportRequest request, Actor actor) {
        lockVolume(volumeId);
        VolumeExport export = exports.findByIdAndVolumeId(exportId, volumeId).orElseThrow(() -> notFound(volumeId, exportId));
        if (request == null || (request.desc() == null && request.iprange() == null && request.apionly() == null
                && request.readonly() == null && request.appendonly() == null)) {
            throw new ProblemException(IdentityErrorCode.EXPORT_INVALID, "send at least one of desc, iprange, apionly, readonly, appendonly");
        }
        String ipRange = export.ipRange();
        String network = export.network();
        if (request.iprange() != null) {
            IpRange range = parseRange(request.iprange());
            ipRange = request.iprange().strip();
            network = range.canonical();
            if (!network.equals(export.network())) {
                checkRangeFree(volumeId, network);
            }
        }
        String description = request.desc() == null ? export.description() : checkDescription(request.desc());
        boolean readOnly = request.readonly() == null ? export.readOnly() : request.readonly();
        boolean appendOnly = request.appendonly() == null ? export.appendOnly() : request.appendonly();
        checkModes(readOnly, appendOnly);
        VolumeExport updated = exports.update(new VolumeExport(export.id(), volumeId, description, ipRange, network,
                request.apionly() == null ? export.apiOnly() : request.apionly(), readOnly, appendOnly, export.createdAt(), now()));
        announce(EXPORT_UPDATED, updated, actor);
        return updated;
    }

    @Transactional
    public void delete(long volumeId, long exportId, Actor actor) {
        lockVolume(volumeId);
        VolumeExport export = exports.findByIdAndVolumeId(exportId, volumeId).orElseThrow(() -> notFound(volumeId, exportId));
        exports.delete(export);
        announce(EXPORT_DELETED, export, actor);
    }

    /** cluster-service created or renamed a volume. */
    @Transactional(Transactional.TxType.MANDATORY)
    void volumeAnnounced(long volumeId, String name) {
        exports.upsertVolume(volumeId, name);
    }

    /** cluster-service deleted a volume: its exports go too, each announced, on behalf of whoever deleted the volume. */
    @Transactional(Transactional.TxType.MANDATORY)
    void volumeDeleted(long volumeId, Actor actor) {
        if (!exports.lockVolume(volumeId)) {
            return;
        }
        for (VolumeExport export : exports.findByVolumeIdOrderById(volumeId)) {
            exports.delete(export);
            announce(EXPORT_DELETED, export, actor);
        }
        exports.deleteVolume(volumeId);
    }

    private void lockVolume(long volumeId) {
        if (!exports.lockVolume(volumeId)) {
            throw volumeNotFound(volumeId);
        }
    }

    private void checkRangeFree(long volumeId, String network) {
        if (exports.existsByVolumeIdAndNetwork(volumeId, network)) {
            throw new ProblemException(IdentityErrorCode.EXPORT_RANGE_TAKEN, "volume " + volumeId + " already has an export for " + network);
        }
    }

    private static IpRange parseRange(String iprange) {
        try {
            return IpRange.parse(iprange.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(IdentityErrorCode.IP_RANGE_INVALID, e.getMessage());
        }
    }

    private static String checkDescription(String description) {
        if (description.length() > MAX_DESCRIPTION || description.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(IdentityErrorCode.EXPORT_INVALID,
                    "desc is at most " + MAX_DESCRIPTION + " characters, without control characters");
        }
        return description;
    }

    /** Read-only clients cannot append, and append-only clients must write: the two exclude each other. */
    private static void checkModes(boolean readOnly, boolean appendOnly) {
        if (readOnly && appendOnly) {
            throw new ProblemException(IdentityErrorCode.EXPORT_INVALID, "readonly and appendonly exclude each other");
        }
    }

    private void announce(String type, VolumeExport export, Actor actor) {
        String subject = "volume/" + export.volumeId() + "/export/" + export.id();
        outbox.append(Topics.IDENTITY_EVENTS, type, "volume/" + export.volumeId(), subject, ExportViews.ExportChanged.of(export), actor);
        audit.record(actor, type, subject, "succeeded");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException volumeNotFound(long volumeId) {
        return new ProblemException(IdentityErrorCode.VOLUME_NOT_FOUND, "no volume " + volumeId);
    }

    private static ProblemException notFound(long volumeId, long exportId) {
        return new ProblemException(IdentityErrorCode.EXPORT_NOT_FOUND, "volume " + volumeId + " has no export " + exportId);
    }
}
