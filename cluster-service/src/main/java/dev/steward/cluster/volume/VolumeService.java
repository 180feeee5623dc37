package dev.steward.cluster.volume;

import dev.steward.cluster.error.ClusterErrorCode;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import io.micronaut.core.annotation.Nullable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import dev.steward.cluster.usage.NodeUsageRepository;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.regex.Pattern;

/** Volumes and their directory quotas; one entity behind the JuiceFS and Gluster APIs. */
@Singleton
public class VolumeService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** {@code host:/absolute/path}, as Gluster names bricks. */
    private static final Pattern BRICK = Pattern.compile("[A-Za-z0-9.-]{1,253}:/[^\\x00-\\x1f]{0,4095}");
    private static final int MAX_PATH = DirectoryPath.MAX_LENGTH;

    private final VolumeRepository volumes;
    private final QuotaRepository quotas;
    private final Outbox outbox;
    private final NodeUsageRepository usage;

    public VolumeService(VolumeRepository volumes, QuotaRepository quotas, Outbox outbox, NodeUsageRepository usage) {
        this.volumes = volumes;
        this.quotas = quotas;
        this.outbox = outbox;
        this.usage = usage;
    }

    @Snapshot
    public List<Volume> list() {
        return volumes.findAllOrderById();
    }

    @Snapshot
    public Volume get(long id) {
        return volumes.findById(id).orElseThrow(() -> notFound(String.valueOf(id)));
    }

    @Snapshot
    public Volume getByName(String name) {
        return volumes.findByName(name).orElseThrow(() -> notFound(name));
    }

    /** Gluster volume create: a new volume in state Created. */
    @Transactional
    public Volume create(@Nullable VolumeViews.CreateVolume request, Actor actor) {
        if (request == null || request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw new ProblemException(ClusterErrorCode.VOLUME_INVALID, "name is required: 1-64 letters, digits, '_' or '-', starting with a letter or digit");
        }
        int replica = request.replica() == null ? 1 : request.replica();
        List<String> bricks = request.bricks() == null ? List.of() : request.bricks();
        if (replica < 1 || replica > 16) {
            throw new ProblemException(ClusterErrorCode.VOLUME_INVALID, "replica must be between 1 and 16");
        }
        for (String brick : bricks) {
            if (brick == null || !BRICK.matcher(brick).matches()) {
                throw new ProblemException(ClusterErrorCode.VOLUME_INVALID, "bricks are <host>:/<absolute path>, got '" + brick + "'");
            }
        }
        if (!bricks.isEmpty() && bricks.size() % replica != 0) {
            throw new ProblemException(ClusterErrorCode.VOLUME_INVALID, "the number of bricks must be a multiple of replica " + replica);
        }
        if (bricks.stream().distinct().count() != bricks.size()) {
            throw new ProblemException(ClusterErrorCode.VOLUME_INVALID, "a brick is listed twice");
        }
        if (volumes.findByName(request.name()).isPresent()) {
            throw new ProblemException(ClusterErrorCode.VOLUME_NAME_TAKEN, request.name());
        }
        Volume volume = volumes.save(new Volume(null, request.name(), Volume.CREATED, replica, List.copyOf(bricks), now()));
        announce(VolumeEvents.VOLUME_CREATED, volume, actor);
        return volume;
    }

    @Transactional
    public Volume start(String name, boolean force, Actor actor) {
        Volume volume = volumes.lockByName(name).orElseThrow(() -> notFound(name));
        if (volume.state().equals(Volume.STARTED) && !force) {
            throw new ProblemException(ClusterErrorCode.VOLUME_STATE_CONFLICT, "volume " + name + " is already started");
        }
        return transition(volume, Volume.STARTED, VolumeEvents.VOLUME_STARTED, actor);
    }

    @Transactional
    public Volume stop(String name, boolean force, Actor actor) {
        Volume volume = volumes.lockByName(name).orElseThrow(() -> notFound(name));
        if (!volume.state().equals(Volume.STARTED) && !force) {
            throw new ProblemException(ClusterErrorCode.VOLUME_STATE_CONFLICT, "volume " + name + " is not started");
        }
        return transition(volume, Volume.STOPPED, VolumeEvents.VOLUME_STOPPED, actor);
    }

    @Transactional
    public void deleteByName(String name, Actor actor) {
        delete(volumes.lockByName(name).orElseThrow(() -> notFound(name)), actor);
    }

    @Transactional
    public void deleteById(long id, Actor actor) {
        delete(volumes.lockById(id).orElseThrow(() -> notFound(String.valueOf(id))), actor);
    }

    /** Like Gluster, a started volume must be stopped first; its quotas go with it. */
    private void delete(Volume volume, Actor actor) {
        if (volume.state().equals(Volume.STARTED)) {
            throw new ProblemException(ClusterErrorCode.VOLUME_STATE_CONFLICT, "volume " + volume.name() + " is started; stop it first");
        }
        volumes.delete(volume);
        announce(VolumeEvents.VOLUME_DELETED, volume, actor);
    }

    private Volume transition(Volume volume, String state, String eventType, Actor actor) {
        Volume changed = volumes.update(volume.withState(state));
        announce(eventType, changed, actor);
        return changed;
    }

    // ---- quotas --------------------------------------------------------------------------------

    @Snapshot
    public List<VolumeViews.QuotaView> quotas(long volumeId) {
        return withUsage(get(volumeId), quotas.findByVolumeIdOrderById(volumeId));
    }

    @Snapshot
    public VolumeViews.QuotaView quota(long volumeId, long quotaId) {
        Volume volume = get(volumeId);
        return withUsage(volume, quotas.findByIdAndVolumeId(quotaId, volumeId).orElseThrow(() -> quotaNotFound(volumeId, quotaId)));
    }

    @Transactional
    public VolumeViews.QuotaView createQuota(long volumeId, @Nullable VolumeViews.QuotaRequest request, Actor actor) {
        Volume volume = volumes.lockById(volumeId).orElseThrow(() -> notFound(String.valueOf(volumeId)));
        if (request == null) {
            throw new ProblemException(ClusterErrorCode.QUOTA_INVALID, "send {\"path\", \"inodes\", \"size\"}");
        }
        String path = checkPath(request.path());
        checkLimits(request.inodes(), request.size());
        if (request.inodes() == null && request.size() == null) {
            throw new ProblemException(ClusterErrorCode.QUOTA_INVALID, "set inodes, size or both");
        }
        if (quotas.findByVolumeIdAndPath(volumeId, path).isPresent()) {
            throw new ProblemException(ClusterErrorCode.QUOTA_PATH_TAKEN, "volume " + volumeId + " already has a quota on " + path);
        }
        Quota quota = quotas.save(new Quota(null, volumeId, path, request.inodes(), request.size(), now()));
        announceQuota(VolumeEvents.QUOTA_SET, quota, actor);
        return withUsage(volume, quota);
    }

    /** The fields present change; path may move to a path without a quota. */
    @Transactional
    public VolumeViews.QuotaView updateQuota(long volumeId, long quotaId, @Nullable VolumeViews.QuotaRequest request, Actor actor) {
        Volume volume = volumes.lockById(volumeId).orElseThrow(() -> notFound(String.valueOf(volumeId)));
        Quota quota = quotas.findByIdAndVolumeId(quotaId, volumeId).orElseThrow(() -> quotaNotFound(volumeId, quotaId));
        if (request == null || (request.path() == null && request.inodes() == null && request.size() == null)) {
            throw new ProblemException(ClusterErrorCode.QUOTA_INVALID, "send path, inodes and/or size");
        }
        String path = request.path() == null ? quota.path() : checkPath(request.path());
        checkLimits(request.inodes(), request.size());
        if (!path.equals(quota.path()) && quotas.findByVolumeIdAndPath(volumeId, path).isPresent()) {
            throw new ProblemException(ClusterErrorCode.QUOTA_PATH_TAKEN, "volume " + volumeId + " already has a quota on " + path);
        }
        Quota updated = quotas.update(new Quota(quota.id(), volumeId, path,
                request.inodes() != null ? request.inodes() : quota.inodes(),
                request.size() != null ? request.size() : quota.size(), quota.createdAt()));
        announceQuota(VolumeEvents.QUOTA_SET, updated, actor);
        return withUsage(volume, updated);
    }

    @Transactional
    public void deleteQuota(long volumeId, long quotaId, Actor actor) {
        volumes.lockById(volumeId).orElseThrow(() -> notFound(String.valueOf(volumeId)));
        Quota quota = quotas.findByIdAndVolumeId(quotaId, volumeId).orElseThrow(() -> quotaNotFound(volumeId, quotaId));
        quotas.delete(quota);
        announceQuota(VolumeEvents.QUOTA_REMOVED, quota, actor);
    }

    private VolumeViews.QuotaView withUsage(Volume volume, Quota quota) {
        return withUsage(volume, List.of(quota)).get(0);
    }

    /**
     * The quotas with what the nodes hold under their paths: Gluster keeps each file on
     * {@code replica} bricks, so the nodes' reports summed and divided by the replica count are
     * the volume's own usage.
     */
    private List<VolumeViews.QuotaView> withUsage(Volume volume, List<Quota> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        long replica = Math.max(1, volume.replica());
        Map<String, NodeUsageRepository.PathUsage> byPath = new HashMap<>();
        usage.volumePaths(volume.name(), list.stream().map(Quota::path).distinct().toList())
                .forEach(reported -> byPath.put(reported.path(), reported));
        return list.stream().map(quota -> {
            NodeUsageRepository.PathUsage reported = byPath.get(quota.path());
            return reported == null ? VolumeViews.QuotaView.of(quota, null, null)
                    : VolumeViews.QuotaView.of(quota, (reported.files() + reported.dirs()) / replica, reported.bytes() / replica);
        }).toList();
    }

    /** An absolute, normalized directory path ({@link DirectoryPath}). */
    static String checkPath(@Nullable String path) {
        if (path == null || !path.startsWith("/") || path.length() > MAX_PATH || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ProblemException(ClusterErrorCode.QUOTA_INVALID, "path must be an absolute directory path of at most " + MAX_PATH + " characters");
        }
        if (!DirectoryPath.isNormalized(path)) {
            throw new ProblemException(ClusterErrorCode.QUOTA_INVALID,
                    "path must be normalized (no '//', '.', '..' or trailing '/'): " + path);
        }
        return path;
    }

    private static void checkLimits(@Nullable Long inodes, @Nullable Long size) {
        if ((inodes != null && inodes < 0) || (size != null && size < 0)) {
            throw new ProblemException(ClusterErrorCode.QUOTA_INVALID, "inodes and size must be non-negative integers");
        }
    }

    private void announce(String type, Volume volume, Actor actor) {
        outbox.append(Topics.CLUSTER_EVENTS, type, "volume/" + volume.id(), "volume/" + volume.id(),
                new VolumeEvents.VolumeChanged(volume.id(), volume.name(), volume.state()), actor);
    }

    private void announceQuota(String type, Quota quota, Actor actor) {
        outbox.append(Topics.CLUSTER_EVENTS, type, "volume/" + quota.volumeId(), "volume/" + quota.volumeId() + "/quota/" + quota.id(),
                new VolumeEvents.QuotaChanged(quota.volumeId(), quota.id(), quota.path(), quota.inodes(), quota.size()), actor);
    }

    /** PostgreSQL keeps microseconds: a response must show what a later read will. */
    private static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static ProblemException notFound(String volume) {
        return new ProblemException(ClusterErrorCode.VOLUME_NOT_FOUND, "no volume " + volume);
    }

    private static ProblemException quotaNotFound(long volumeId, long quotaId) {
        return new ProblemException(ClusterErrorCode.QUOTA_NOT_FOUND, "volume " + volumeId + " has no quota " + quotaId);
    }
}
