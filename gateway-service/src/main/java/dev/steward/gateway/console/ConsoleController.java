package dev.steward.gateway.console;

import dev.steward.common.error.CommonErrorCode;
import dev.steward.common.error.ProblemException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code /console/}: the web console, three static files from the gateway's jar (no build step, no
 * third-party script). They hold no data: the page signs in with a credential kept in the tab's memory
 * and calls the same signed API as every other client, so the files are served to anyone, like a login
 * page. The content security policy allows scripts and calls from this origin only.
 */
@Controller("/console")
public class ConsoleController {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> contents;

    public ConsoleController() {
        contents = FILES.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(name -> name, ConsoleController::read));
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleController.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/" + name + " is missing from the gateway's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /console} and {@code /console/} alike (the page links its files by absolute path). */
    @Get
    public MutableHttpResponse<byte[]> index() {
        return file("index.html");
    }

    @Get("/{name}")
    public MutableHttpResponse<?> asset(@PathVariable String name) {
        if (!FILES.containsKey(name)) {
            // A problem like every other refusal, not an empty 404; the name is not echoed.
            throw new ProblemException(CommonErrorCode.NOT_FOUND, "the console has index.html, console.js and console.css");
        }
        return file(name);
    }

    private MutableHttpResponse<byte[]> file(String name) {
        return HttpResponse.ok(contents.get(name)).contentType(FILES.get(name))
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache");
    }
}
