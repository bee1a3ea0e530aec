package dev.snapshotmanager.worker.client;

/** policy-service could not resolve volumes (it answered an error or was unreachable), after the retries. */
public class PolicyServiceException extends RuntimeException {

    public PolicyServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
