package dev.snapshotmanager.audit.messaging;

/** Why a message on the results topic cannot become a record; its message travels to the dead-letter topic. */
public class InvalidResultException extends RuntimeException {

    public InvalidResultException(String message) {
        super(message);
    }
}
