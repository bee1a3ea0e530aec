package dev.snapshotmanager.events;

/** A payload could not be written or read as JSON. */
public class EventJsonException extends RuntimeException {

    public EventJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
