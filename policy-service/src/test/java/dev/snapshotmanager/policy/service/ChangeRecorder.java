package dev.snapshotmanager.policy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test bean: every {@link ResolutionInputsChanged} delivered after a commit, as the publisher receives them. */
@ApplicationScoped
public class ChangeRecorder {

    private final List<String> committed = new CopyOnWriteArrayList<>();

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ResolutionInputsChanged change) {
        committed.add(change.what());
    }

    long count(String what) {
        return committed.stream().filter(what::equals).count();
    }
}
