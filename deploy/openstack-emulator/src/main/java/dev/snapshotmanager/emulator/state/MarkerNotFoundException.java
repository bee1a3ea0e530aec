package dev.snapshotmanager.emulator.state;

/** The marker of a page request names nothing the caller can see. */
public class MarkerNotFoundException extends RuntimeException {

    public MarkerNotFoundException(String marker) {
        super("Marker " + marker + " could not be found.", null, false, false);
    }
}
