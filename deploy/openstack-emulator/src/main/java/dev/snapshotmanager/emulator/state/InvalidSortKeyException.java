package dev.snapshotmanager.emulator.state;

/** A sort key that is no column of the resource. */
public class InvalidSortKeyException extends RuntimeException {

    public InvalidSortKeyException(String key) {
        super("Invalid sort key: " + key, null, false, false);
    }
}
