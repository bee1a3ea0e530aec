package dev.snapshotmanager.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.messaging.EventPublisher;
import dev.snapshotmanager.worker.support.Tasks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Vetoed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The republishing policy of a plan without a broker: which refusals are transient, that only unacknowledged events
 * are sent again, and when it gives up.
 * A Quarkus test only because SmallRye Fault Tolerance's programmatic guards need its runtime.
 */
@QuarkusTest
class PlanPublishingTest {

    static final UUID RUN = UUID.fromString("00000000-0000-4000-8000-0000000000a1");

    /**
     * Records what is sent; each send is answered by the next queued refusal ({@code null} or none left: acknowledged).
     * Not a bean of the application under test.
     */
    @Vetoed
    static final class Broker extends EventPublisher {

        final List<Object> sent = new ArrayList<>();
        final LinkedList<Throwable> refusals = new LinkedList<>();

        @Override
        public CompletableFuture<Void> task(VolumeTaskV1 task) {
            return answer(task);
        }

        @Override
        public CompletableFuture<Void> planned(RunPlannedV1 event) {
            return answer(event);
        }

        private synchronized CompletableFuture<Void> answer(Object event) {
            sent.add(event);
            Throwable refusal = refusals.poll();
            return refusal == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(refusal);
        }
    }

    final Broker broker = new Broker();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final VolumeTaskV1 task = Tasks.task().run(RUN).volume("57000000-0000-4000-8000-0000000000a1", "v", 1,
            "available", "p", "p", null, null).build();
    final RunPlannedV1 plan = new RunPlannedV1(RUN, Tasks.DAILY, Instant.now(), false, 1, 1, 0, 0, 1, 1,
            Instant.now());

    private PlanPublishing publishing(Duration maxDuration) {
        return new PlanPublishing(broker, new WorkerMetrics(meters), maxDuration, Duration.ofMillis(5),
                Duration.ofMillis(20));
    }

    private double retries() {
        return meters.counter("snapshot.plan.publish.retries").count();
    }

    @Test
    void takesRetriableKafkaErrorsAnywhereInTheCauseChainAsTransient() {
        assertThat(PlanPublishing.isTransient(new NotEnoughReplicasException("too few"))).isTrue();
        assertThat(PlanPublishing.isTransient(new CompletionException(new TimeoutException("expired")))).isTrue();
        assertThat(PlanPublishing.isTransient(new RecordTooLargeException("too large"))).isFalse();
        assertThat(PlanPublishing.isTransient(new IllegalStateException("closed"))).isFalse();
    }

    @Test
    void sendsAgainOnlyWhatTheBrokerDidNotTakeUntilItTakesIt() {
        broker.refusals.add(new NotEnoughReplicasException("too few")); // the task, first time
        broker.refusals.add(null); // the task again
        broker.refusals.add(new TimeoutException("expired")); // the plan, first time

        RunPlannedV1 published = publishing(Duration.ofMinutes(1)).publish(RUN, List.of(task), List.of(), () -> plan);

        assertThat(published).isSameAs(plan);
        assertThat(broker.sent).containsExactly(task, task, plan, plan);
        assertThat(retries()).isEqualTo(2);
    }

    @Test
    void givesUpOnAPermanentRefusalAtOnce() {
        broker.refusals.add(null); // the task
        broker.refusals.add(new RecordTooLargeException("too large")); // the plan

        assertThatThrownBy(() -> publishing(Duration.ofMinutes(1)).publish(RUN, List.of(task), List.of(), () -> plan))
                .isInstanceOf(PlanPartlyPublishedException.class).hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(broker.sent).containsExactly(task, plan);
        assertThat(retries()).isZero();
    }

    @Test
    void givesUpOnATransientRefusalThatOutlastsTheMaxDuration() {
        for (int i = 0; i < 10_000; i++) {
            broker.refusals.add(new NotEnoughReplicasException("too few"));
        }

        assertThatThrownBy(() -> publishing(Duration.ofMillis(200)).publish(RUN, List.of(task), List.of(),
                () -> plan)).isInstanceOf(PlanPartlyPublishedException.class)
                .hasCauseInstanceOf(NotEnoughReplicasException.class);
        assertThat(broker.sent).isNotEmpty().containsOnly(task);
        assertThat(retries()).isEqualTo(broker.sent.size() - 1);
    }

    @Test
    void aFailureBeforeAnyTaskWentOutIsNoPartlyPublishedPlan() {
        broker.refusals.add(new RecordTooLargeException("too large")); // the plan of a run with nothing to create

        assertThatThrownBy(() -> publishing(Duration.ofMinutes(1)).publish(RUN, List.of(), List.of(), () -> plan))
                .isInstanceOf(RecordTooLargeException.class);
    }
}
