package dev.steward.common.error;

/** Thrown by service code to end a request with a registered problem; mapped to problem+json. */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;

    public ProblemException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
