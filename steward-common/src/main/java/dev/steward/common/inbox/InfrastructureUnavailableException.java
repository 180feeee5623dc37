package dev.steward.common.inbox;

/**
 * Thrown out of a Kafka listener when an event could not be handled because the infrastructure is
 * down. Listeners retry only this ({@code exceptionTypes} of their error strategy): the partition
 * waits for the database, as every other write does, and loses nothing.
 */
public class InfrastructureUnavailableException extends RuntimeException {

    public InfrastructureUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
