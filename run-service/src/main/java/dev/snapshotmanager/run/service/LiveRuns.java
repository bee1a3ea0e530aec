package dev.snapshotmanager.run.service;

import dev.snapshotmanager.run.domain.RunChanged;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * The committed run changes of this instance, as a hot stream for Server-Sent Events. Only changes made by this
 * instance are seen (the UI talks to one instance through the gateway; the run-lifecycle topic carries all).
 */
@ApplicationScoped
public class LiveRuns {

    private final BroadcastProcessor<RunChanged> processor = BroadcastProcessor.create();

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunChanged change) {
        processor.onNext(change);
    }

    /** Changes from now on. */
    public Multi<RunChanged> stream() {
        return processor.onOverflow().drop();
    }
}
