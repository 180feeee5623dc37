package dev.steward.cluster.volume;

/** A directory inside a volume as quotas and the agents' usage reports name it. */
public final class DirectoryPath {

    public static final int MAX_LENGTH = 4096;

    private DirectoryPath() {
    }

    /** Absolute and normalized: no control characters, no empty, '.' or '..' segments, no trailing '/' ('/' itself is one). */
    public static boolean isNormalized(String path) {
        if (path == null || !path.startsWith("/") || path.length() > MAX_LENGTH || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        if (path.equals("/")) {
            return true;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
