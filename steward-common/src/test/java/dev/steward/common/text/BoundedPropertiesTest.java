package dev.steward.common.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedPropertiesTest {

    @Property
    void neverLongerThanTheLimitAndUnchangedWhenItFits(@ForAll @StringLength(max = 5_000) String text,
                                                       @ForAll @IntRange(min = 40, max = 3_000) int max) {
        String bounded = Bounded.truncate(text, max);
        assertTrue(bounded.length() <= max, bounded.length() + " > " + max);
        if (text.length() <= max) {
            assertEquals(text, bounded);
        } else {
            String kept = bounded.substring(0, bounded.indexOf("… ("));
            assertTrue(text.startsWith(kept), "keeps the start");
            assertTrue(bounded.endsWith("(" + (text.length() - kept.length()) + " more characters)"), bounded);
            assertTrue(kept.isEmpty() || !Character.isHighSurrogate(kept.charAt(kept.length() - 1)), "no split surrogate pair");
        }
    }
}
