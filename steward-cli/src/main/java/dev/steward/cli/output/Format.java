package dev.steward.cli.output;

/** {@code --output}: JSON for scripts (exactly what the API answered), tables for people. */
public enum Format {
    JSON, TABLE
}
