package dev.steward.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression reads (the words before a selector or a range). */
final class AlertMetrics {

    private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*(\\{|\\[|\\)|\\s*[<>=!])");
    private static final Set<String> PROMQL = Set.of("max", "min", "sum", "by", "rate", "increase", "deriv", "and", "or", "count");

    private AlertMetrics() {
    }

    static Set<String> named(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(expr.replaceAll("(by|without)\\s*\\([^)]*\\)", " ").replaceAll("\\{[^}]*}", "{}").replaceAll("\"[^\"]*\"", "\"\""));
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!PROMQL.contains(name) && name.contains("_")) {
                names.add(name);
            }
        }
        return names;
    }
}
