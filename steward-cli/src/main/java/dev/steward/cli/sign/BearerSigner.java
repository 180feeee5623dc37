package dev.steward.cli.sign;

/** Garage's admin token (and Steward's named tokens): the same header on every request. */
final class BearerSigner implements RequestSigner {

    private final String token;

    BearerSigner(String token) {
        this.token = token;
    }

    @Override
    public Signature sign(Request request) {
        return Signature.header("Authorization", "Bearer " + token);
    }
}
