package dev.snapshotmanager.emulator.state;

/** The resource's status forbids the operation. */
public class InvalidStateException extends RuntimeException {

    public InvalidStateException(String message) {
        super(message, null, false, false);
    }
}
