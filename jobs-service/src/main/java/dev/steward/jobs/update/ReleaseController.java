package dev.steward.jobs.update;

import dev.steward.common.error.ProblemException;
import dev.steward.common.security.InternalClaims;
import dev.steward.jobs.error.JobsErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import dev.steward.common.consistency.Snapshot;

import java.util.Map;

/**
 * Jidoteki {@code /version}, {@code /changelog}, {@code /build}: what the last successful update
 * installed. Before any update the version is Steward's own and there is no changelog or build
 * file yet (404, as the reference says for a missing file).
 */
@Controller("/api/v1/admin")
@Secured(InternalClaims.ROLE_API)
public class ReleaseController {

    private final ReleaseRepository releases;
    private final String installedVersion;

    public ReleaseController(ReleaseRepository releases, @Value("${steward.version}") String installedVersion) {
        this.releases = releases;
        this.installedVersion = installedVersion;
    }

    @Get("/version")
    @Snapshot
    public Map<String, String> version() {
        return Map.of("version", releases.current().map(ReleaseRepository.Release::version).orElse(installedVersion));
    }

    @Get("/changelog")
    @Snapshot
    public HttpResponse<String> changelog() {
        String changelog = releases.current().map(ReleaseRepository.Release::changelog)
                .orElseThrow(() -> new ProblemException(JobsErrorCode.RELEASE_FILE_NOT_FOUND, "no update with a CHANGELOG.md has been installed"));
        return HttpResponse.ok(changelog).contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    @Get("/build")
    @Snapshot
    public Map<String, String> build() {
        return Map.of("builddate", releases.current().map(ReleaseRepository.Release::builddate)
                .orElseThrow(() -> new ProblemException(JobsErrorCode.RELEASE_FILE_NOT_FOUND, "no update has been installed")));
    }
}
