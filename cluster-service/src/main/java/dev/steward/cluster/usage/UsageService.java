package dev.steward.cluster.usage;

import dev.steward.cluster.volume.DirectoryPath;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Applies the node agents' usage reports: a part's entries replace what the node reported before
 * (when newer); the scan's last part removes what the node no longer holds; the buckets touched get
 * their {@code objects} and {@code bytes} from the reports. A part that breaks a rule is dropped
 * whole, with a warning: agents measure again at their next interval, so nothing is lost for good.
 */
@Singleton
public class UsageService {

    private static final Logger LOG = LoggerFactory.getLogger(UsageService.class);
    private static final Pattern NODE_ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

    private final NodeUsageRepository usage;
    private final UsageLimits limits;

    public UsageService(NodeUsageRepository usage, UsageLimits limits) {
        this.usage = usage;
        this.limits = limits;
    }

    /** @return false when the part was dropped (the reason is logged) */
    @Transactional
    public boolean apply(UsageReport report) {
        String problem = problem(report, limits.maxEntriesPerPart());
        if (problem != null) {
            LOG.warn("Dropping a usage report from node {}: {}", report.nodeId(), problem);
            return false;
        }
        TreeSet<String> buckets = new TreeSet<>();
        for (UsageReport.Entry entry : report.entries()) {
            usage.record(report.nodeId(), entry.kind(), entry.name(), entry.path(), entry.files(), entry.dirs(), entry.bytes(),
                    report.measuredAt());
            if (entry.kind().equals("bucket")) {
                buckets.add(entry.name());
            }
        }
        if (report.last()) {
            buckets.addAll(usage.bucketsOlderThan(report.nodeId(), report.measuredAt()));
            usage.forgetOlder(report.nodeId(), report.measuredAt());
        }
        if (!buckets.isEmpty()) {
            // READ COMMITTED: after the lock, each update sees every report committed before it.
            for (String bucket : usage.lockBuckets(List.copyOf(buckets))) {
                usage.recomputeBucket(bucket);
            }
        }
        if (report.truncated() && report.last()) {
            LOG.warn("Node {} could not measure all it holds (its scan reached its file limit); what it did not measure is not shown",
                    report.nodeId());
        }
        return true;
    }

    /** Why a part cannot be applied, or null. */
    static String problem(UsageReport report, int maxEntries) {
        if (report.nodeId() == null || !NODE_ID.matcher(report.nodeId()).matches()) {
            return "nodeId must be 64 lowercase hex digits";
        }
        if (report.measuredAt() == null || report.entries() == null) {
            return "measuredAt and entries are required";
        }
        if (report.entries().size() > maxEntries) {
            return report.entries().size() + " entries in one part; at most " + maxEntries;
        }
        for (UsageReport.Entry entry : report.entries()) {
            String wrong = problem(entry);
            if (wrong != null) {
                return wrong;
            }
        }
        return null;
    }

    private static String problem(UsageReport.Entry entry) {
        if (entry == null || entry.kind() == null || !(entry.kind().equals("bucket") || entry.kind().equals("volume"))) {
            return "an entry's kind must be bucket or volume";
        }
        if (entry.name() == null || !NAME.matcher(entry.name()).matches()) {
            return "an entry's name must be a bucket id or volume name, got '" + entry.name() + "'";
        }
        if (!DirectoryPath.isNormalized(entry.path()) || (entry.kind().equals("bucket") && !entry.path().equals("/"))) {
            return "an entry's path must be a normalized absolute path ('/' for a bucket), got '" + entry.path() + "'";
        }
        if (negative(entry.files()) || negative(entry.dirs()) || negative(entry.bytes())) {
            return "an entry's files, dirs and bytes must be non-negative integers";
        }
        return null;
    }

    private static boolean negative(Long value) {
        return value == null || value < 0;
    }
}
