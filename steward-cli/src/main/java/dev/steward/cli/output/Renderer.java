package dev.steward.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints an answer as pretty JSON or as a table: an array of objects is one row per element (columns from the
 * fields, or the ones a command names), an object is one row per field. Nested values are shown as compact JSON,
 * cut at {@value #MAX_CELL} characters; scalars (ids, keys) are never cut.
 */
public final class Renderer {

    static final int MAX_CELL = 60;

    private final ObjectMapper json;

    public Renderer(ObjectMapper json) {
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public String render(JsonNode value, Format format, List<String> columns) {
        if (value == null || value.isMissingNode()) {
            return "";
        }
        if (format == Format.JSON) {
            try {
                return json.writeValueAsString(value);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (value.isArray()) {
            return rows(value, columns);
        }
        if (value.isObject()) {
            return fields(value);
        }
        return value.asText();
    }

    private String rows(JsonNode array, List<String> wanted) {
        if (array.isEmpty()) {
            return "(none)";
        }
        Set<String> columns = new LinkedHashSet<>(wanted == null ? List.of() : wanted);
        if (columns.isEmpty()) {
            for (JsonNode element : array) {
                element.fieldNames().forEachRemaining(columns::add);
            }
        }
        if (columns.isEmpty()) { // an array of scalars
            List<List<String>> lines = new ArrayList<>();
            array.forEach(element -> lines.add(List.of(cell(element))));
            return table(List.of("VALUE"), lines);
        }
        List<List<String>> lines = new ArrayList<>();
        for (JsonNode element : array) {
            List<String> line = new ArrayList<>();
            for (String column : columns) {
                line.add(cell(element.get(column)));
            }
            lines.add(line);
        }
        return table(columns.stream().map(Renderer::heading).toList(), lines);
    }

    private String fields(JsonNode object) {
        List<List<String>> lines = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            lines.add(List.of(field.getKey(), cell(field.getValue())));
        }
        return table(List.of("FIELD", "VALUE"), lines);
    }

    static String heading(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        if (value.isValueNode()) {
            return value.asText().replace('\n', ' '); // whole: ids and keys are copied from tables
        }
        String text = value.toString();
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
    }

    static String table(List<String> headings, List<List<String>> lines) {
        int[] widths = new int[headings.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headings.get(i).length();
        }
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        append(out, headings, widths);
        lines.forEach(line -> append(out, line, widths));
        return out.toString().stripTrailing();
    }

    private static void append(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : "  ").append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length()));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
