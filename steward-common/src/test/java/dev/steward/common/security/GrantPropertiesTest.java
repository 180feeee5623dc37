package dev.steward.common.security;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delegation rule as properties: whatever grant a caller holds, a credential it may create
 * ({@code exceededBy} empty) is allowed nothing the caller is not, from nowhere the caller may not
 * be used, for no longer than the caller lives. Found violations are the privilege escalations of
 * issue 12's first finding.
 */
class GrantPropertiesTest {

    private static final List<String> AREAS = List.of("keys", "buckets", "cluster", "jobs", "admin");
    private static final List<String> OPERATIONS = List.of("read", "write");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Provide
    Arbitrary<Grant> grants() {
        Arbitrary<String> scope = Arbitraries.oneOf(
                Arbitraries.of("*", "*:*", "*:read", "*:write"),
                Combinators.combine(Arbitraries.of(AREAS), Arbitraries.of("*", "read", "write")).as((area, op) -> area + ":" + op));
        Arbitrary<String> range = Arbitraries.of("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.168.0.0/16", "192.168.1.7/32",
                "fd00::/8", "fd00:1::/32");
        Arbitrary<Instant> expiry = Arbitraries.integers().between(1, 1000).map(hours -> NOW.plusSeconds(hours * 3600L)).injectNull(0.3);
        return Combinators.combine(Arbitraries.of(Role.class), scope.list().ofMaxSize(3).uniqueElements(),
                range.list().ofMaxSize(2).uniqueElements(), expiry).as(Grant::new);
    }

    @Property(tries = 2000)
    void aDelegatedGrantAllowsNothingItsCreatorDoesNot(@ForAll("grants") Grant caller, @ForAll("grants") Grant requested) {
        if (!caller.exceededBy(requested).isEmpty()) {
            return;
        }
        assertTrue(caller.role().covers(requested.role()), "role");
        for (String area : AREAS) {
            for (String operation : OPERATIONS) {
                assertTrue(!requested.allows(area, operation) || caller.allows(area, operation),
                        () -> "requested allows " + area + ":" + operation + " that " + caller + " does not");
            }
        }
        if (caller.expiresAt() != null) {
            assertTrue(requested.expiresAt() != null && !requested.expiresAt().isAfter(caller.expiresAt()), "lifetime");
        }
        if (!caller.ipRanges().isEmpty()) {
            assertTrue(!requested.ipRanges().isEmpty(), "a range-limited caller cannot create an unlimited credential");
        }
    }

    @Property(tries = 500)
    void everyGrantMayDelegateItself(@ForAll("grants") Grant grant) {
        assertTrue(grant.exceededBy(grant).isEmpty(), () -> grant + " exceeds itself: " + grant.exceededBy(grant));
    }

    @Property(tries = 500)
    void roleOrderIsTotalAndTransitive(@ForAll Role a, @ForAll Role b, @ForAll Role c) {
        assertTrue(a.covers(b) || b.covers(a));
        if (a.covers(b) && b.covers(c)) {
            assertTrue(a.covers(c));
        }
    }
}
