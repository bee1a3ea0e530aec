package dev.snapshotmanager.audit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.repository.BinaryCopyData;
import dev.snapshotmanager.audit.repository.RecordColumns;
import dev.snapshotmanager.audit.service.ComplianceFolding;
import dev.snapshotmanager.audit.service.IngestService;
import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.inject.Inject;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Ingest benchmark (not part of the test run; see README "Benchmarks"): N results published to the real broker while
 * the service's consumer is paused, then the consumer is resumed and timed until it has stored all N (so the figure is
 * the consumer's, not the producer's), next to a raw COPY of the same N rows into the same tables and indexes, in the
 * same run. Between the two, the service's ingest is fed the same events directly in batches of a poll, which tells
 * what storing costs from what consuming costs; each figure comes with the CPU it used (this JVM runs the test
 * broker too). {@code -Dbench.ingest.events=1000000 -Dbench.ingest.producers=2}.
 */
@QuarkusTest
@TestProfile(IngestBenchmarkTest.PausedConsumer.class)
@Tag("benchmark")
class IngestBenchmarkTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    /** Events consumed and written before measuring ({@code -Dbench.ingest.warm-up}, 0 for none), at other times. */
    private static final long WARM_UP = Long.getLong("bench.ingest.warm-up", 500_000L);
    private static final Instant WARM_UP_START = Instant.parse("2026-10-01T00:00:00Z");
    /** Consumers of the results topic ({@code -Dbench.ingest.concurrency}, default 1 as in production config). */
    private static final int CONCURRENCY = Integer.getInteger("bench.ingest.concurrency", 1);
    private static final String JVM = "this JVM with the broker";
    /**
     * The producers' compression ({@code -Dbench.ingest.compression}): lz4 by default, as snapshot-worker publishes its
     * results (since 2026-11-30; uncompressed results cost this consumer a third more CPU, see README).
     */
    private static final String COMPRESSION = System.getProperty("bench.ingest.compression", "lz4");
    /**
     * Rounds of consumer and binary COPY ({@code -Dbench.ingest.rounds}, default 3): the first also runs the ingest
     * alone and the CSV COPY; the summary compares the medians.
     */
    private static final int ROUNDS = Integer.getInteger("bench.ingest.rounds", 3);

    /** The results consumer starts paused, so that the events are all in the broker before it is measured. */
    public static class PausedConsumer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(Map.of("mp.messaging.incoming.volume-results.pausable",
                    "true", "mp.messaging.incoming.volume-results.pausable.initially-paused", "true"));
            if (CONCURRENCY > 1) {
                config.put("mp.messaging.incoming.volume-results.concurrency", String.valueOf(CONCURRENCY));
            }
            return config;
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    ChannelRegistry channels;

    @Inject
    MeterRegistry registry;

    @Inject
    IngestService ingest;

    @Inject
    ComplianceFolding folding;

    /** The consumer's largest poll: the default batch size of the writer-alone figure. */
    @ConfigProperty(name = "mp.messaging.incoming.volume-results.max.poll.records")
    int maxPollRecords;

    @Test
    void ingestThroughTheBrokerVersusRawCopy() throws Exception {
        long events = Long.getLong("bench.ingest.events", 1_000_000L);
        int producers = Integer.getInteger("bench.ingest.producers", 2);
        truncate();
        List<PausableChannel> consumers = new ArrayList<>();
        for (String name : CONCURRENCY > 1
                ? java.util.stream.IntStream.rangeClosed(1, CONCURRENCY).mapToObj(i -> "volume-results$" + i).toList()
                : List.of("volume-results")) {
            consumers.add(channels.getPausable(name));
        }
        assertThat(consumers).as("the benchmark profile starts the consumers paused")
                .allSatisfy(c -> assertThat(c).isNotNull().matches(PausableChannel::isPaused));

        if (WARM_UP > 0) {
            warmUp(consumers, producers);
        }

        long publishStart = System.nanoTime();
        publish(events, producers, START);
        double publishSeconds = seconds(publishStart);
        Consumed first = consume(consumers, events);
        Phase consumed = first.phase();

        Phase written = measure(() -> writeInBatches(events, START));
        assertThat(count("snapshot_record")).as("the ingest alone stored every row").isEqualTo(events);

        truncate();
        Phase csv = measure(() -> copyCsv(events));
        assertThat(count("snapshot_record")).as("the raw COPY wrote the same rows").isEqualTo(events);

        truncate();
        Phase binary = copyBinaryPhase(events);
        double copySeconds = Math.min(csv.seconds(), binary.seconds());

        System.out.printf("%n[bench] ingest %,d events: published first (consumer paused) in %.1f s = %,.0f/s with %d "
                + "producer threads; consumed (%d consumer%s) from the broker into PostgreSQL in %.1f s = %,.0f "
                + "records/s (%s); the service's ingest alone, no broker (batches of %d, one transaction each) %.1f s "
                + "= %,.0f records/s (%s); raw COPY of the same rows (record_key + snapshot_record, one transaction) "
                + "as CSV %.1f s = %,.0f rows/s (%s), binary %.1f s = %,.0f rows/s (%s); consumer/(faster COPY) "
                + "%.0f%%%n",
                events, publishSeconds, events / publishSeconds, producers, CONCURRENCY, CONCURRENCY > 1 ? "s" : "",
                consumed.seconds(), events / consumed.seconds(), consumed.use(), writerBatch(), written.seconds(),
                events / written.seconds(), written.use(), csv.seconds(), events / csv.seconds(), csv.use(),
                binary.seconds(), events / binary.seconds(), binary.use(), 100 * copySeconds / consumed.seconds());
        System.out.printf("[bench] while consuming: %s%n", first.detail());

        // One pair of phases says as much about the machine at that moment as about the consumer (the COPY alone
        // varied from 41,529 to 55,540 rows/s in five runs of 2026-12-01): more rounds of the consumer and the binary
        // COPY, alternated, and the ratio of their medians.
        List<Double> consumerRates = new ArrayList<>(List.of(events / consumed.seconds()));
        List<Double> copyRates = new ArrayList<>(List.of(events / binary.seconds()));
        for (int round = 2; round <= ROUNDS; round++) {
            consumers.forEach(PausableChannel::pause); // the tables are empty: consume and the COPY empty them
            publish(events, producers, START);
            Consumed again = consume(consumers, events);
            Phase copied = copyBinaryPhase(events);
            consumerRates.add(events / again.phase().seconds());
            copyRates.add(events / copied.seconds());
            System.out.printf("[bench] round %d: consumed %.1f s = %,.0f records/s (%s; %s); binary COPY %.1f s = %,.0f "
                    + "rows/s (%s); consumer/COPY %.0f%%%n", round, again.phase().seconds(),
                    events / again.phase().seconds(), again.phase().use(), again.detail(), copied.seconds(),
                    events / copied.seconds(), copied.use(), 100 * copied.seconds() / again.phase().seconds());
        }
        if (ROUNDS > 1) {
            System.out.printf("[bench] %d rounds: consumer median %,.0f records/s (%s), binary COPY median %,.0f rows/s "
                    + "(%s); consumer/COPY of the medians %.0f%%%n", ROUNDS, median(consumerRates),
                    rates(consumerRates), median(copyRates), rates(copyRates),
                    100 * median(consumerRates) / median(copyRates));
        }
    }

    /** A consumer phase and what it did beside storing. */
    private record Consumed(Phase phase, String detail) {
    }

    /**
     * Resumes the consumers over the {@code events} published while they were paused, measures them until they have
     * stored all, merges the last compliance fold, checks what was stored and empties the tables.
     */
    private Consumed consume(List<PausableChannel> consumers, long events) throws Exception {
        assertThat(count("record_key")).as("nothing consumed while paused").isZero();
        DistributionSummary polls = registry.summary("audit.ingest.batch.size"); // the consumer's poll sizes
        Counter merges = registry.counter("audit.compliance.fold.merged");
        long pollsBefore = polls.count();
        double polledBefore = polls.totalAmount();
        double mergedBefore = merges.count();
        Phase consumed = measure(() -> consumeAll(consumers, events));
        long pollCount = polls.count() - pollsBefore;
        double meanPoll = (polls.totalAmount() - polledBefore) / Math.max(1, pollCount);
        double mergedWhileConsuming = merges.count() - mergedBefore;
        long mergeStart = System.nanoTime();
        folding.merge(); // what the service merges within its fold interval after the last poll
        double lastMergeSeconds = seconds(mergeStart);
        assertThat(count("snapshot_record")).as("every event stored exactly once").isEqualTo(events);
        assertThat(count("record_key")).isEqualTo(events);
        assertThat(count("volume_policy_state")).as("one compliance state per volume with attempts")
                .isEqualTo(BenchData.volumesWithAttempts(events));
        truncate();
        return new Consumed(consumed, String.format("%,d polls of %.0f results on average; %,.0f compliance states "
                + "merged (one per volume and fold interval; the rest %.1f s after the last poll); %s", pollCount,
                meanPoll, mergedWhileConsuming, lastMergeSeconds, consumed.parts()));
    }

    /** The raw binary COPY of the rows, measured and checked; empties the tables after it. */
    private Phase copyBinaryPhase(long events) throws Exception {
        Phase binary = measure(() -> copyBinary(events));
        assertThat(count("snapshot_record")).as("the raw binary COPY wrote the same rows").isEqualTo(events);
        truncate();
        return binary;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rates(List<Double> values) {
        return values.stream().map(v -> String.format("%,.0f", v)).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Runs the consumer and the writer over {@link #WARM_UP} other events first, then pauses the consumer and empties
     * the tables: what is measured is a running service, not the JVM compiling its code (the C2 compiler used up to
     * 70% of a core during a cold 300,000-event run).
     */
    private void warmUp(List<PausableChannel> consumers, int producers) throws Exception {
        publish(WARM_UP, producers, WARM_UP_START);
        consumeAll(consumers, WARM_UP);
        consumers.forEach(PausableChannel::pause);
        truncate(); // the writer's warm-up stores the same event ids again
        writeInBatches(WARM_UP, WARM_UP_START);
        truncate();
        System.out.printf("%n[bench] warm-up: %,d events consumed and written directly before measuring%n", WARM_UP);
    }

    /** Resumes the consumers and waits until they have stored {@code events} more records. */
    private void consumeAll(List<PausableChannel> consumers, long events) throws InterruptedException {
        Counter stored = registry.counter("audit.records.stored"); // the same counter IngestService increments
        double before = stored.count();
        consumers.forEach(PausableChannel::resume);
        while (stored.count() - before < events) {
            Thread.sleep(20);
        }
    }

    /** Publishes events 0..n-1 from several threads sharing one batching, compressing producer. */
    private static void publish(long events, int threads, Instant start) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(1 << 20));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L << 20));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (long i = first; i < events; i += threads) {
                        VolumeResultV1 r = BenchData.result(i, start);
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.VOLUME_RESULTS,
                                r.volume().id(), EventJson.toBytes(r));
                        CloudEventHeaders.write(record.headers(), CloudEventAttributes.of(EventType.VOLUME_RESULT,
                                r.eventId(), CloudEventAttributes.sourceOf("snapshot-worker"), r.volume().id(),
                                r.occurredAt()));
                        producer.send(record);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            producer.flush();
        }
    }

    /** The batch size of the writer-alone figure ({@code -Dbench.ingest.writer-batch}), by default a full poll. */
    private int writerBatch() {
        return Integer.getInteger("bench.ingest.writer-batch", maxPollRecords);
    }

    /**
     * The service's ingest fed directly, in batches of a poll's size, merging the compliance folds as the consumer
     * does: what storing costs without Kafka and JSON.
     */
    private void writeInBatches(long events, Instant start) throws Exception {
        int size = writerBatch();
        List<VolumeResultV1> batch = new ArrayList<>(size);
        for (long i = 0; i < events; i++) {
            batch.add(BenchData.result(i, start));
            if (batch.size() == size || i == events - 1) {
                ingest.store(batch);
                folding.mergeIfDue();
                batch.clear();
            }
        }
        folding.merge();
    }

    /** Streams the rows as binary COPY data, 5,000 rows at a time. */
    private void copyBinary(long events) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            PGConnection pg = c.unwrap(PGConnection.class);
            copyBinary(pg, RecordColumns.COPY_KEYS, events, RecordColumns::copyKey);
            copyBinary(pg, RecordColumns.COPY_ROWS, events, RecordColumns::copyRow);
            c.commit();
        }
    }

    private static void copyBinary(PGConnection pg, String sql, long events,
            BiConsumer<BinaryCopyData, VolumeResultV1> row) throws java.sql.SQLException {
        CopyIn in = pg.getCopyAPI().copyIn(sql);
        BinaryCopyData data = new BinaryCopyData(1 << 22);
        for (long i = 0; i < events; i++) {
            row.accept(data, BenchData.result(i, START));
            if (i % 5_000 == 4_999 || i == events - 1) {
                if (i == events - 1) {
                    data.end();
                }
                in.writeToCopy(data.buffer(), 0, data.length());
                data.clear();
            }
        }
        in.endCopy();
    }

    private void copyCsv(long events) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            PGConnection pg = c.unwrap(PGConnection.class);
            CopyIn keys = pg.getCopyAPI().copyIn("COPY record_key (event_id, occurred_at) FROM STDIN (FORMAT csv)");
            for (long i = 0; i < events; i++) {
                VolumeResultV1 r = BenchData.result(i, START);
                write(keys, r.eventId() + "," + r.occurredAt() + "\n");
            }
            keys.endCopy();
            CopyIn rows = pg.getCopyAPI().copyIn(
                    "COPY snapshot_record (" + RecordColumns.NAMES + ") FROM STDIN (FORMAT csv)");
            StringWriter buffer = new StringWriter();
            CSVPrinter csv = new CSVPrinter(buffer, CSVFormat.RFC4180);
            for (long i = 0; i < events; i++) {
                VolumeResultV1 r = BenchData.result(i, START);
                for (RecordColumns.Column column : RecordColumns.ALL) {
                    csv.print(column.value().apply(r));
                }
                csv.println();
                if (i % 5_000 == 4_999 || i == events - 1) {
                    csv.flush();
                    write(rows, buffer.toString());
                    buffer.getBuffer().setLength(0);
                }
            }
            rows.endCopy();
            c.commit();
        }
    }

    private void truncate() throws Exception {
        folding.merge(); // nothing of this phase is merged into the next one's state
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE snapshot_record, record_key, volume_policy_state");
        }
    }

    /** A measured phase: its wall time; the CPU and WAL it used; PostgreSQL's and this JVM's busiest threads' CPU. */
    private record Phase(double seconds, String use, String parts) {
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} from a checkpoint and measures it. */
    private Phase measure(Work work) throws Exception {
        long wal = checkpoint();
        CpuUse cpu = CpuUse.now();
        CpuByPart parts = CpuByPart.now();
        long start = System.nanoTime();
        work.run();
        double seconds = seconds(start);
        return new Phase(seconds, cpu.since(seconds, JVM) + "; " + walSince(wal), parts.since(8));
    }

    /**
     * Writes every dirty buffer out before a measured phase (so that no phase pays for the one before it) and returns
     * the WAL position after it.
     */
    private long checkpoint() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        return walPosition();
    }

    /** The WAL written since {@code start}, for the report. */
    private String walSince(long start) throws Exception {
        return String.format("WAL %,d MB", (walPosition() - start) >> 20);
    }

    private long walPosition() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long count(String table) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void write(CopyIn copy, String text) throws java.sql.SQLException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
