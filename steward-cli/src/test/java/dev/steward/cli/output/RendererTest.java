package dev.steward.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RendererTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Renderer renderer = new Renderer(json);

    @Test
    void anArrayIsOneRowPerElementWithAlignedColumns() throws Exception {
        String table = renderer.render(json.readTree("[{\"id\":\"b1\",\"globalAliases\":[\"photos\"]},{\"id\":\"b22\",\"globalAliases\":[]}]"),
                Format.TABLE, null);
        assertEquals("ID   GLOBAL_ALIASES\nb1   [\"photos\"]\nb22  []", table);
    }

    @Test
    void namedColumnsPickAndOrderAndMissingValuesAreDashes() throws Exception {
        String table = renderer.render(json.readTree("[{\"a\":1,\"b\":2,\"c\":3},{\"a\":4}]"), Format.TABLE, List.of("c", "a"));
        assertEquals("C  A\n3  1\n-  4", table);
    }

    @Test
    void anObjectIsOneRowPerFieldAndJsonIsTheAnswerAsIs() throws Exception {
        assertEquals("FIELD   VALUE\nstatus  Healthy\nnodes   3", renderer.render(json.readTree("{\"status\":\"Healthy\",\"nodes\":3}"), Format.TABLE, null));
        assertEquals("{\n  \"status\" : \"Healthy\"\n}", renderer.render(json.readTree("{\"status\":\"Healthy\"}"), Format.JSON, null));
        assertEquals("(none)", renderer.render(json.readTree("[]"), Format.TABLE, null));
    }

    @Test
    void longNestedValuesAreCutButScalarsNever() throws Exception {
        String nested = Renderer.cell(json.readTree("[\"" + "x".repeat(100) + "\"]"));
        assertEquals(Renderer.MAX_CELL, nested.length());
        assertEquals('…', nested.charAt(nested.length() - 1));
        String id = "a".repeat(64);
        assertEquals(id, Renderer.cell(json.readTree("\"" + id + "\"")), "an id is copied from the table: never cut");
    }
}
