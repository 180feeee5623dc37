package dev.steward.jobs.update;

import java.util.Arrays;

/** Release versions: 1 to 4 dot-separated numbers, compared numerically (1.10 is after 1.9). */
final class Versions {

    private Versions() {
    }

    static boolean valid(String version) {
        return version.matches("\\d{1,9}(\\.\\d{1,9}){0,3}");
    }

    static int compare(String left, String right) {
        int[] a = parts(left);
        int[] b = parts(right);
        return Arrays.compare(a, b);
    }

    private static int[] parts(String version) {
        int[] parts = new int[4];
        String[] split = version.split("\\.");
        for (int i = 0; i < split.length; i++) {
            parts[i] = Integer.parseInt(split[i]);
        }
        return parts;
    }
}
