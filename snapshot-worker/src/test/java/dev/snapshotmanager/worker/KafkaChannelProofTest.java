package dev.snapshotmanager.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.RunScope;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.testsupport.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.junit.jupiter.api.Test;

/**
 * Foundation proof: a record produced by a Quarkus channel goes through the real KRaft broker and is consumed
 * by a Quarkus channel; {@link OperationsTest} runs in the same JVM against the same broker.
 */
@QuarkusTest
class KafkaChannelProofTest {

    @Inject
    @Channel("proof-out")
    Emitter<RunRequestedV1> emitter;

    @Inject
    ProofChannels channels;

    @Test
    void aRecordTravelsThroughTheRealBrokerBetweenQuarkusChannels() {
        RunRequestedV1 sent = new RunRequestedV1(UUID.randomUUID(),
                new PolicyRef(UUID.randomUUID(), "gold", "daily_5"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), true, RunTrigger.MANUAL,
                new RunScope(List.of(), List.of("p-1"), List.of()), "alice", "proof", Instant.now().truncatedTo(ChronoUnit.MILLIS));

        emitter.send(sent).toCompletableFuture().join();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(channels.received()).contains(sent));
    }

    @Test
    void usesTheJvmsOneBroker() {
        assertThat(System.getProperty("snapshot.test.kafka.bootstrap")).isEqualTo(TestKafka.get().bootstrapServers());
    }
}
