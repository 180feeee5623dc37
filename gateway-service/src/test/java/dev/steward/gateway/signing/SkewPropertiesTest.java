package dev.steward.gateway.signing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The skew check against exact arithmetic, over every long (finding 8 of issue 12: it overflowed). */
class SkewPropertiesTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_796_000_000L);

    @Property(tries = 5000)
    void withinSkewIsExactForAnyTimestamp(@ForAll long timestamp, @ForAll @LongRange(min = 0, max = 86_400) long skewSeconds) {
        BigInteger distance = BigInteger.valueOf(NOW.getEpochSecond()).subtract(BigInteger.valueOf(timestamp)).abs();
        assertEquals(distance.compareTo(BigInteger.valueOf(skewSeconds)) <= 0,
                JuiceFsSignature.withinSkew(timestamp, NOW, Duration.ofSeconds(skewSeconds)));
    }

    @Property(tries = 200)
    void theOverflowingNeighbourhoodIsRefused(@ForAll @LongRange(min = 0, max = 1000) long offset) {
        long nearMinusTwoTo63 = NOW.getEpochSecond() - Long.MAX_VALUE - 1 + offset;
        assertEquals(false, JuiceFsSignature.withinSkew(nearMinusTwoTo63, NOW, Duration.ofMinutes(5)));
    }
}
