package dev.steward.common.error;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classification behind 400/409 for failures found by fuzzing and racing (FuzzE2EIT, ConcurrentCreateE2EIT). */
class UnexpectedFailureHandlerTest {

    @Test
    void aNulByteOrOutOfRangeValueIsTheRequestsFault() {
        assertTrue(UnexpectedFailureHandler.dataException(new IllegalStateException(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))));
        assertTrue(UnexpectedFailureHandler.dataException(new SQLException("numeric field overflow", "22003")));
        assertFalse(UnexpectedFailureHandler.dataException(new SQLException("connection refused", "08001")));
    }

    @Test
    void aConstraintNameIsReadFromTheViolation() {
        SQLException violation = new SQLException("ERROR: duplicate key value violates unique constraint \"volume_name_key\"", "23505");
        assertEquals(violation, UnexpectedFailureHandler.uniqueViolation(new RuntimeException(violation)));
        assertEquals("volume_name_key", UnexpectedFailureHandler.constraintOf(violation));
    }

    @Test
    void onlyNettysCodecFailuresAreMalformedBodies() {
        class ErrorDataDecoderException extends RuntimeException {
        }
        assertFalse(UnexpectedFailureHandler.isUndecodableBody(new ErrorDataDecoderException()), "only Netty's codec package counts");
    }
}
