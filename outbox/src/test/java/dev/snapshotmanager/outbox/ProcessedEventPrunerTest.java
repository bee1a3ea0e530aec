package dev.snapshotmanager.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.testsupport.RealServersExtension;
import dev.snapshotmanager.testsupport.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** Pruning processed-event marks against the real PostgreSQL. */
@ExtendWith(RealServersExtension.class)
class ProcessedEventPrunerTest {

    private static final String CONSUMER = "test.consumer";
    private static final Duration RETENTION = Duration.ofDays(30);

    private final TestPostgres postgres;
    private final PGSimpleDataSource dataSource;
    private final Instant now = Instant.now();
    private final Instant cutoff = now.minus(RETENTION);

    ProcessedEventPrunerTest(TestPostgres postgres) {
        this.postgres = postgres;
        this.dataSource = dataSource(postgres.freshDatabase("outbox_prune"));
    }

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/outbox").load().migrate();
    }

    @Test
    void prunesMarksOlderThanTheCutoffAndStillRecognisesARedeliveryOfARecentEvent() throws SQLException {
        String old = mark(now.minus(RETENTION).minusSeconds(60));
        mark(now.minus(Duration.ofDays(90)));
        String recent = mark(now.minus(RETENTION).plusSeconds(60));
        String fresh = mark(now);

        assertThat(pruner().pruneBefore(cutoff, 100, deleted -> { })).isEqualTo(2);

        assertThat(markedEventIds()).containsExactlyInAnyOrder(recent, fresh);
        assertThat(markAgain(recent)).as("a redelivered recent event is recognised").isFalse();
        assertThat(markAgain(fresh)).isFalse();
        assertThat(markAgain(old)).as("an event redelivered after its mark was pruned is new again").isTrue();
    }

    @Test
    void prunesInChunksOfAtMostTheChunkSizeEachInItsOwnTransaction() throws SQLException {
        for (int i = 0; i < 7; i++) {
            mark(now.minus(Duration.ofDays(40)).plusSeconds(i));
        }
        String kept = mark(now);

        List<Integer> chunks = new ArrayList<>();
        assertThat(pruner().pruneBefore(cutoff, 3, chunks::add)).isEqualTo(7);

        assertThat(chunks).containsExactly(3, 3, 1);
        assertThat(markedEventIds()).containsExactly(kept);
        assertThat(pruner().pruneChunk(cutoff, 3)).isZero();
    }

    @Test
    void prunesNothingWhileAnotherReplicaPrunesButIsNotHeldBackByTheRelay() throws SQLException {
        mark(now.minus(Duration.ofDays(40)));
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            holdLock(other, "processed_event prune");
            assertThat(pruner().pruneChunk(cutoff, 100)).isEqualTo(-1);
            assertThat(pruner().pruneBefore(cutoff, 100, deleted -> { })).isZero();
            assertThat(markedEventIds()).hasSize(1);
            other.commit();

            holdLock(other, "outbox_event relay");
            assertThat(pruner().pruneBefore(cutoff, 100, deleted -> { })).isEqualTo(1);
            other.commit();
        }
        assertThat(markedEventIds()).isEmpty();
    }

    /**
     * A database whose service migrations (V1...) were applied before this index existed: a V0_2 would sort before
     * them and Flyway would refuse it; the repeatable migration is applied on top.
     */
    @Test
    void addsTheProcessedAtIndexToADatabaseWhoseServiceMigrationsArePastV0x(@TempDir Path dir) throws Exception {
        Path before = Files.createDirectories(dir.resolve("before"));
        Path service = Files.createDirectories(dir.resolve("service"));
        copyResource("db/outbox/V0_1__outbox_and_processed_events.sql", before);
        copyResource("db/outbox/R__outbox_parked.sql", before);
        for (Path location : List.of(before, service)) {
            Files.writeString(location.resolve("V1__service.sql"), "CREATE TABLE service_thing (id int);\n");
        }
        PGSimpleDataSource existing = dataSource(postgres.freshDatabase("outbox_existing"));
        Flyway.configure().dataSource(existing).locations("filesystem:" + before).load().migrate();
        assertThat(indexesOfProcessedEvent(existing)).doesNotContain("processed_event_processed_at");

        Flyway.configure().dataSource(existing).locations("classpath:db/outbox", "filesystem:" + service).load()
                .migrate();

        assertThat(indexesOfProcessedEvent(existing)).contains("processed_event_processed_at");
    }

    private ProcessedEventPruner pruner() {
        return new ProcessedEventPruner(dataSource);
    }

    /** A mark of a fresh event id, recorded at {@code at}; the id. */
    private String mark(Instant at) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, ?)")) {
            insert.setString(1, CONSUMER);
            insert.setString(2, eventId);
            insert.setTimestamp(3, Timestamp.from(at));
            insert.executeUpdate();
        }
        return eventId;
    }

    /** What a consumer does when the event comes again: true when it would be applied. */
    private boolean markAgain(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return ProcessedEvents.markProcessed(c, CONSUMER, eventId);
        }
    }

    private List<String> markedEventIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rows = c.createStatement().executeQuery("SELECT event_id FROM processed_event")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static void holdLock(Connection c, String name) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '." + name + "'))")) {
            lock.execute();
        }
    }

    private static List<String> indexesOfProcessedEvent(PGSimpleDataSource ds) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection(); ResultSet rows = c.createStatement().executeQuery(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'processed_event'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void copyResource(String resource, Path dir) throws IOException {
        try (InputStream in = ProcessedEventPrunerTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, dir.resolve(Path.of(resource).getFileName()));
        }
    }

    private PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(postgres.user());
        ds.setPassword(postgres.password());
        return ds;
    }
}
