package dev.steward.gateway.system;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /docs}: the OpenAPI 3.1 description of every public path (openapi/steward.yaml), open
 * to anyone, as API descriptions usually are. {@code OpenApiDocumentTest} keeps it in step with the
 * route table and the services' controllers.
 */
@Controller("/docs")
public class ApiDescriptionController {

    static final String RESOURCE = "openapi/steward.yaml";
    private final byte[] document;

    public ApiDescriptionController() {
        try (InputStream in = ApiDescriptionController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gateway's jar");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get
    @Produces("application/yaml")
    public byte[] document() {
        return document;
    }
}
