package dev.steward.identity.audit;

import dev.steward.common.error.ProblemException;
import dev.steward.common.security.InternalClaims;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;

import java.util.List;

/** Steward's own API: the audit trail, newest first, paged by id. */
@Controller("/steward/v1/audit")
@Secured(InternalClaims.ROLE_API)
public class AuditController {

    static final int MAX_LIMIT = 1000;

    private final AuditRepository entries;

    public AuditController(AuditRepository entries) {
        this.entries = entries;
    }

    @Get
    public List<AuditEntry> list(@QueryValue(defaultValue = "100") int limit, @Nullable @QueryValue Long before) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(IdentityErrorCode.AUDIT_LIMIT_INVALID, "limit must be between 1 and " + MAX_LIMIT);
        }
        return entries.findPage(before == null ? Long.MAX_VALUE : before, limit);
    }
}
