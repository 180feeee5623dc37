package dev.steward.agent.usage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Measures what this node holds: every bucket directory {@code <data>/buckets/<bucket id>/} (its
 * regular files are the bucket's objects) and every volume directory {@code <data>/volumes/<name>/},
 * with the totals of its directories down to {@link Limits#volumeDepth()} levels so that directory
 * quotas can be checked. Links are neither followed nor counted; unreadable entries are skipped.
 * One scan reads at most {@link Limits#maxFiles()} files; past that it stops and says so
 * ({@link Scan#truncated()}), so a huge tree costs a bounded time, never the agent's memory.
 */
public final class UsageScanner {

    /** A bucket id or volume name as Steward issues them; other directories are not Steward's. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

    /**
     * What one directory holds beneath it: regular files, directories and the files' bytes.
     * {@code path} is relative to the bucket or volume directory, {@code /} for the directory itself.
     */
    public record Entry(String kind, String name, String path, long files, long dirs, long bytes) {
    }

    public record Scan(List<Entry> entries, boolean truncated) {
    }

    /**
     * @param maxTargets   buckets and volumes measured per kind (sorted by name; the rest not reported)
     * @param maxFiles     files read per scan in all
     * @param volumeDepth  how deep a volume's directories are reported (deeper ones count in their ancestors)
     * @param maxDirsPerVolume directories reported per volume (the first met; the others count in their ancestors)
     */
    public record Limits(int maxTargets, long maxFiles, int volumeDepth, int maxDirsPerVolume) {
        public static final Limits DEFAULT = new Limits(10_000, 1_000_000, 4, 2_000);
    }

    private final Path dataDir;
    private final Limits limits;

    public UsageScanner(Path dataDir, Limits limits) {
        this.dataDir = dataDir;
        this.limits = limits;
    }

    public Scan scan() throws IOException {
        List<Entry> entries = new ArrayList<>();
        long[] budget = {limits.maxFiles()};
        boolean truncated = false;
        for (String kind : List.of("bucket", "volume")) {
            for (Path target : targets(dataDir.resolve(kind + "s"))) {
                if (!measure(kind, target, budget, entries)) {
                    truncated = true;
                    break;
                }
            }
            if (truncated) {
                break;
            }
        }
        return new Scan(List.copyOf(entries), truncated);
    }

    private List<Path> targets(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (NAME.matcher(name).matches() && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(name);
                }
            }
        }
        return names.stream().limit(limits.maxTargets()).map(root::resolve).toList();
    }

    /** Adds the target's entries; false when the file budget ran out (the target is then not reported). */
    private boolean measure(String kind, Path target, long[] budget, List<Entry> entries) throws IOException {
        int depthLimit = kind.equals("volume") ? limits.volumeDepth() : 0;
        int dirLimit = kind.equals("volume") ? limits.maxDirsPerVolume() : 1;
        Map<String, long[]> tracked = new LinkedHashMap<>();
        Deque<long[]> open = new ArrayDeque<>(); // counters of the tracked directories above the walk
        Deque<Boolean> pushed = new ArrayDeque<>();
        boolean[] exhausted = {false};
        Files.walkFileTree(target, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String path = relative(target, dir);
                open.forEach(counter -> counter[1]++);
                boolean track = path != null && depth(path) <= depthLimit && tracked.size() < dirLimit;
                if (track) {
                    long[] counter = new long[3];
                    tracked.put(path, counter);
                    open.push(counter);
                }
                pushed.push(track);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (budget[0]-- <= 0) {
                    exhausted[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                if (attributes.isRegularFile()) {
                    long size = attributes.size();
                    open.forEach(counter -> {
                        counter[0]++;
                        counter[2] += size;
                    });
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (pushed.pop()) {
                    open.pop();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (exhausted[0]) {
            return false;
        }
        String name = target.getFileName().toString();
        tracked.forEach((path, counter) -> entries.add(new Entry(kind, name, path, counter[0], counter[1], counter[2])));
        return true;
    }

    /** {@code /} for the target itself, {@code /a/b} below it; null for a name a report cannot carry. */
    private static String relative(Path target, Path dir) {
        if (dir.equals(target)) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (Path segment : target.relativize(dir)) {
            String text = segment.toString();
            if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return null;
            }
            path.append('/').append(text);
        }
        return path.length() > 4096 ? null : path.toString();
    }

    private static int depth(String path) {
        return path.equals("/") ? 0 : (int) path.chars().filter(c -> c == '/').count();
    }
}
