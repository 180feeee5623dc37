package dev.steward.cli.sign;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Query parameters in the order given, percent-encoded leaving only RFC 3986's unreserved characters. */
public final class Query {

    private final List<Map.Entry<String, String>> parameters;

    private Query(List<Map.Entry<String, String>> parameters) {
        this.parameters = parameters;
    }

    public static Query empty() {
        return new Query(List.of());
    }

    public Query and(String name, String value) {
        if (value == null) {
            return this;
        }
        List<Map.Entry<String, String>> more = new ArrayList<>(parameters);
        more.add(Map.entry(name, value));
        return new Query(List.copyOf(more));
    }

    public Query and(Map<String, String> added) {
        Query query = this;
        for (Map.Entry<String, String> entry : added.entrySet()) {
            query = query.and(entry.getKey(), entry.getValue());
        }
        return query;
    }

    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    public List<Map.Entry<String, String>> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** As sent: {@code a=1&b=x%20y}, in the given order. */
    public String encoded() {
        return String.join("&", parameters.stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue())).toList());
    }

    /** Python's {@code quote(s, safe='')}: everything but {@code A-Z a-z 0-9 - . _ ~} is %XX of its UTF-8 bytes. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
