package dev.snapshotmanager.audit.messaging;

import dev.snapshotmanager.audit.service.ComplianceFolding;
import dev.snapshotmanager.audit.service.IngestResult;
import dev.snapshotmanager.audit.service.IngestService;
import dev.snapshotmanager.common.messaging.DatabaseRetry;
import dev.snapshotmanager.events.VolumeResultV1;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code snapshot.volume-results.v1} in batches. Each poll becomes one database transaction; a poison
 * message (not a valid {@link VolumeResultV1}, or refused by the database) is nacked on its own, which sends it to
 * the dead-letter topic, and the rest of the batch is stored. The offsets are committed after both. A batch
 * PostgreSQL does not take (an outage, a failover) is stored again until it does ({@link DatabaseRetry}): valid
 * results never go to the dead-letter topic because PostgreSQL was away.
 *
 * <p>Two batches are stored at once ({@code smallrye.messaging.worker.volume-results.max-concurrency}): while
 * PostgreSQL runs one batch's statement, the next batch is prepared and sent, so neither side waits for the other.
 * Their order does not matter (every record keeps its own time, and the compliance fold keeps the newest). A batch is
 * acknowledged once the compliance fold of its results is merged ({@link ComplianceFolding}, within seconds), and the
 * throttled commit strategy commits an offset only once every record before it is acknowledged: a batch whose fold
 * was not merged when the service stopped is consumed again.
 */
@ApplicationScoped
public class VolumeResultConsumer {

    private static final Logger LOG = Logger.getLogger(VolumeResultConsumer.class);

    @Inject
    IngestService ingest;

    @Inject
    DatabaseRetry retry;

    @Inject
    ComplianceFolding folding;

    private final DistributionSummary pollSize;

    @Inject
    public VolumeResultConsumer(MeterRegistry registry) {
        pollSize = DistributionSummary.builder("audit.ingest.batch.size")
                .description("Results per consumed poll (one transaction): small batches cost PostgreSQL more per record")
                .register(registry);
    }

    @Incoming("volume-results")
    @Blocking(value = "volume-results", ordered = false)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, VolumeResultV1> batch) {
        pollSize.record(batch.getRecords().size());
        List<VolumeResultV1> valid = new ArrayList<>();
        Map<VolumeResultV1, KafkaRecord<String, VolumeResultV1>> origin = new IdentityHashMap<>();
        List<PoisonMessage> poison = new ArrayList<>();
        for (KafkaRecord<String, VolumeResultV1> record : batch.getRecords()) {
            String problem = VolumeResultValidation.problem(record);
            if (problem != null) {
                poison.add(new PoisonMessage(record, new InvalidResultException(problem)));
            } else {
                valid.add(record.getPayload());
                origin.put(record.getPayload(), record);
            }
        }
        IngestResult result = store(valid);
        result.rejected().forEach((event, cause) ->
                poison.add(new PoisonMessage(origin.get(event), new InvalidResultException(cause.getMessage()))));
        for (PoisonMessage message : poison) {
            LOG.warnf("Dead-lettering a message of %s-%d (key %s): %s", message.record().getTopic(),
                    message.record().getPartition(), message.record().getKey(), message.reason().getMessage());
            message.record().nack(message.reason()).toCompletableFuture().join();
        }
        if (result.stored() > 0 || result.duplicates() > 0) {
            LOG.debugf("Batch of %d: %d stored, %d duplicates, %d expired, %d dead-lettered", batch.getRecords().size(),
                    result.stored(), result.duplicates(), result.expired(), poison.size());
        }
        // acknowledging a batch acknowledges its latest record of each partition; only those are kept until then
        List<KafkaRecord<String, VolumeResultV1>> latest = List.copyOf(batch.getLatestOffsetRecords().values());
        folding.whenMerged(() -> latest.forEach(KafkaRecord::ack));
        folding.mergeIfDue();
        return CompletableFuture.completedFuture(null);
    }

    private IngestResult store(List<VolumeResultV1> events) {
        try {
            return retry.call("volume-results", () -> ingest.store(events), IngestResult.class);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("could not store a batch of " + events.size() + " results", e);
        }
    }

    private record PoisonMessage(KafkaRecord<String, VolumeResultV1> record, Exception reason) {
    }
}
