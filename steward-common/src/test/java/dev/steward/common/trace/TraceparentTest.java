package dev.steward.common.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The W3C traceparent an event carries, read back as its consumer's parent; what is not one starts a new trace. */
class TraceparentTest {

    @Test
    void aTraceparentRoundTrips() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Context parent = Traceparent.parent(traceparent);
        assertEquals(Optional.of(traceparent), Traceparent.of(parent));
        assertEquals(Optional.of("4bf92f3577b34da6a3ce929d0e0e4736"), Traceparent.traceId(parent));
        assertEquals(true, Span.fromContext(parent).getSpanContext().isRemote());
    }

    @Test
    void whatIsNotATraceparentGivesNoParent() {
        for (String bad : new String[] {null, "", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01x"}) {
            assertFalse(Span.fromContext(Traceparent.parent(bad)).getSpanContext().isValid(), String.valueOf(bad));
            assertEquals(Optional.empty(), Traceparent.of(Traceparent.parent(bad)), String.valueOf(bad));
        }
    }
}
