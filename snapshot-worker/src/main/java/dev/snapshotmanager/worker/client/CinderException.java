package dev.snapshotmanager.worker.client;

/**
 * An OpenStack call failed. {@code status} is the HTTP status, or 0 for a connection error.
 * {@link #isTransient()} failures are retried with backoff (5xx, 429, connection errors).
 */
public class CinderException extends RuntimeException {

    private final int status;

    public CinderException(String operation, int status, String message, Throwable cause) {
        super(operation + " failed" + (status > 0 ? " (" + status + ")" : "") + ": " + message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isTransient() {
        return status == 0 || status == 429 || status >= 500;
    }

    public boolean isQuotaExceeded() {
        return status == 413;
    }
}
