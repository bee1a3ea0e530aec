package dev.snapshotmanager.worker;

import dev.snapshotmanager.events.RunRequestedV1;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A test-only Quarkus channel that records what it consumes from the real broker. */
@ApplicationScoped
public class ProofChannels {

    private final List<RunRequestedV1> received = new CopyOnWriteArrayList<>();

    @Incoming("proof-in")
    void consume(RunRequestedV1 event) {
        received.add(event);
    }

    List<RunRequestedV1> received() {
        return received;
    }
}
