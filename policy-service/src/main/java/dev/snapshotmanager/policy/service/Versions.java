package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.common.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.persistence.OptimisticLockException;

/** Optimistic locking of edited resources: a stale {@code If-Match} or a concurrent change is a 412. */
final class Versions {

    private Versions() {
    }

    /** 412 when the caller named a version ({@code If-Match}) that is no longer the current one. */
    static void requireVersion(long actual, Long expected) {
        if (expected != null && expected != actual) {
            throw ProblemException.preconditionFailed("Version " + expected + " is stale; the current version is "
                    + actual).with("currentVersion", actual);
        }
    }

    /** Flushes the change now so that a concurrent one surfaces as a 412 naming {@code what}, not a 500 at commit. */
    static void flushOrPreconditionFailed(PanacheRepositoryBase<?, ?> repository, String what) {
        try {
            repository.flush();
        } catch (OptimisticLockException e) {
            throw ProblemException.preconditionFailed(what + " was changed concurrently");
        }
    }
}
