package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.repository.ComplianceStateFold;
import dev.snapshotmanager.audit.repository.RecordPartitions;
import dev.snapshotmanager.audit.repository.RecordWriter;
import dev.snapshotmanager.audit.repository.Transactions;
import dev.snapshotmanager.common.messaging.DatabaseRetry;
import dev.snapshotmanager.events.VolumeResultV1;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Stores batches of results: one transaction per batch; when the database refuses the batch because of one row's
 * data, or one row cannot be stored at all (an exception of the row's own making), the rows are retried one by one so
 * that only the bad row is rejected (and dead-lettered by the consumer) and the rest is stored. The fold of what a
 * transaction stored goes to {@link ComplianceFolding} once it has committed, which merges it into the compliance
 * state later.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    @Inject
    DataSource dataSource;

    @Inject
    RecordWriter writer;

    @Inject
    RecordPartitions partitions;

    @Inject
    RetentionPolicy retention;

    @Inject
    ComplianceFolding folding;

    private final Counter stored;
    private final Counter duplicates;
    private final Counter rejected;

    @Inject
    public IngestService(MeterRegistry registry) {
        stored = Counter.builder("audit.records.stored").description("Records stored").register(registry);
        duplicates = Counter.builder("audit.records.duplicates").description("Duplicate events ignored").register(registry);
        rejected = Counter.builder("audit.records.rejected").description("Events sent to the dead-letter topic")
                .register(registry);
    }

    public IngestResult store(List<VolumeResultV1> events) throws SQLException {
        Map<String, VolumeResultV1> unique = new LinkedHashMap<>();
        int expired = 0;
        for (VolumeResultV1 event : events) {
            if (retention.isExpired(event.occurredAt())) {
                expired++;
            } else {
                unique.putIfAbsent(event.eventId(), event);
            }
        }
        List<VolumeResultV1> batch = new ArrayList<>(unique.values());
        Map<VolumeResultV1, Exception> refused = new IdentityHashMap<>();
        int inserted;
        try {
            inserted = storeInOneTransaction(batch);
        } catch (SQLException | RuntimeException e) {
            if (DatabaseRetry.isDatabaseTrouble(e)) {
                throw e; // e.g. a lock not granted while a month's partition was created: the consumer repeats the batch
            }
            LOG.warnf("A batch of %d results was refused (%s); storing them one by one", batch.size(), e.getMessage());
            inserted = 0;
            for (VolumeResultV1 event : batch) {
                try {
                    inserted += storeInOneTransaction(List.of(event));
                } catch (SQLException single) {
                    if (!DatabaseRetry.isDataError(single)) {
                        throw single;
                    }
                    refused.put(event, single);
                } catch (RuntimeException single) {
                    if (DatabaseRetry.isDatabaseTrouble(single)) {
                        throw single;
                    }
                    refused.put(event, single); // a value nothing here can store, e.g. a month beyond java.time's
                }
            }
        }
        int duplicateCount = events.size() - expired - inserted - refused.size();
        stored.increment(inserted);
        duplicates.increment(duplicateCount);
        rejected.increment(refused.size());
        return new IngestResult(inserted, duplicateCount, expired, refused);
    }

    /**
     * Stores the batch with the bulk COPY; when one of its events is stored already (a redelivery), again in a new
     * transaction with the insert that skips what is stored.
     */
    private int storeInOneTransaction(List<VolumeResultV1> batch) throws SQLException {
        partitions.ensure(batch.stream().map(e -> RecordPartitions.monthOf(e.occurredAt())).collect(Collectors.toSet()));
        try {
            return inOneTransaction(batch, writer::copy);
        } catch (SQLException e) {
            if (!RecordWriter.foundStoredEvent(e)) {
                throw e;
            }
            return inOneTransaction(batch, writer::insert);
        }
    }

    private int inOneTransaction(List<VolumeResultV1> batch, Write write) throws SQLException {
        ComplianceStateFold fold = new ComplianceStateFold();
        int inserted = Transactions.inOne(dataSource, c -> write.apply(c, batch, fold));
        folding.add(fold); // only what committed
        return inserted;
    }

    /**
     * One way of writing a batch on a connection whose transaction the caller owns, folding what it stored; returns
     * how many were new.
     */
    @FunctionalInterface
    private interface Write {
        int apply(Connection connection, List<VolumeResultV1> batch, ComplianceStateFold fold) throws SQLException;
    }
}
