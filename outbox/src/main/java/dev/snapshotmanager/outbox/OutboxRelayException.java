package dev.snapshotmanager.outbox;

/** The relay could not publish this time; the events stay pending and go out on a later pass. */
public class OutboxRelayException extends RuntimeException {

    public OutboxRelayException(String message, Throwable cause) {
        super(message, cause);
    }
}
