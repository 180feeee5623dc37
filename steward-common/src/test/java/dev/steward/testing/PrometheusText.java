package dev.steward.testing;

import java.util.Arrays;

/** Reads one series' value out of a Prometheus text scrape. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The value of the series named {@code name} carrying every {@code label="value"} pair given
     * (other labels allowed); NaN when the scrape has no such series.
     */
    public static double value(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf(' '));
            if (Arrays.stream(labels).allMatch(series::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }
}
