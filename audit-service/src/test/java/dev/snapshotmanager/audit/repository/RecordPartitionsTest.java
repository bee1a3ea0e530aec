package dev.snapshotmanager.audit.repository;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.fixtures.RecordRows;
import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.audit.service.IngestService;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Partition maintenance never holds a lock that readers wait for, also while a long export reads the records. */
@QuarkusTest
class RecordPartitionsTest {

    private static final YearMonth DROPPED = YearMonth.of(2001, 1);
    private static final YearMonth KEPT = YearMonth.of(2001, 2);

    @Inject
    RecordPartitions partitions;

    @Inject
    IngestService ingest;

    @Inject
    DataSource dataSource;

    @Test
    void dropsAnOldMonthWithoutBlockingReadersWhileALongExportRunsAndFinishesAtTheNextPass() throws Exception {
        String project = Records.uniqueProject();
        List<VolumeResultV1> old = Records.store(ingest,
                aResult().project(project).at("2001-01-03T10:00:00Z").build(),
                aResult().project(project).at("2001-01-31T23:59:59Z").build());
        VolumeResultV1 kept = Records.store(ingest, aResult().project(project).at("2001-02-01T00:00:00Z").build()).get(0);
        // the months were created on the fly (as a table, then attached) and their rows are found through the parent
        assertThat(partitions.existing()).contains(DROPPED, KEPT);
        given().auth().oauth2(viewer()).when().get("/api/v1/records/" + old.get(0).eventId()).then().statusCode(200);

        try (Connection export = dataSource.getConnection()) {
            // a long export: a transaction that has read the records and stays open
            export.setAutoCommit(false);
            try (Statement s = export.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM snapshot_record")) {
                rs.next();
            }
            CompletableFuture<List<YearMonth>> firstPass = CompletableFuture.supplyAsync(
                    () -> partitions.dropBefore(KEPT));
            Thread.sleep(300);

            long started = System.nanoTime();
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> given().auth().oauth2(viewer())
                    .queryParam("projectId", project).when().get("/api/v1/records").then().extract().statusCode());
            assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

            // the detach waits for the export no longer than the lock timeout, and gives up for this pass
            assertThat(firstPass.get(20, TimeUnit.SECONDS)).doesNotContain(DROPPED);
            // the detach is pending: new queries no longer see the month, neither listed nor found by id, and its ids
            // stay until it is detached
            assertThat(listed(project)).containsExactly(kept.eventId());
            given().auth().oauth2(viewer()).when().get("/api/v1/records/" + old.get(0).eventId()).then().statusCode(404);
            assertThat(keys(old.get(0).eventId(), old.get(1).eventId())).isEqualTo(2);
            assertThat(keys(kept.eventId())).isEqualTo(1);
            export.rollback();
        }

        assertThat(partitions.dropBefore(KEPT)).containsExactly(DROPPED);
        assertThat(new RecordRows(dataSource).tableExists(RecordPartitions.tableOf(DROPPED))).isFalse();
        assertThat(partitions.existing()).doesNotContain(DROPPED).contains(KEPT);
        given().auth().oauth2(viewer()).when().get("/api/v1/records/" + kept.eventId()).then().statusCode(200);
        given().auth().oauth2(viewer()).when().get("/api/v1/records/" + old.get(1).eventId()).then().statusCode(404);
        assertThat(partitions.dropBefore(KEPT)).as("nothing left to drop").isEmpty();
    }

    @Test
    void aMonthWhoseDetachGivesUpStaysListedAndFoundByIdUntilTheNextPass() throws Exception {
        YearMonth dropped = YearMonth.of(2000, 6);
        YearMonth firstKept = dropped.plusMonths(1);
        String project = Records.uniqueProject();
        VolumeResultV1 old = Records.store(ingest, aResult().project(project).at("2000-06-10T10:00:00Z").build()).get(0);

        try (Connection maintenance = dataSource.getConnection()) {
            // e.g. a manual VACUUM or another DDL: the detach cannot even start within the lock timeout
            maintenance.setAutoCommit(false);
            try (Statement s = maintenance.createStatement()) {
                s.execute("LOCK TABLE snapshot_record IN SHARE UPDATE EXCLUSIVE MODE");
            }
            assertThat(CompletableFuture.supplyAsync(() -> partitions.dropBefore(firstKept)).get(20, TimeUnit.SECONDS))
                    .doesNotContain(dropped);
            maintenance.rollback();
        }
        // until 2026-11-30 the ids were deleted before the detach: the month stayed listed, every record of it a 404
        assertThat(partitions.tables()).containsEntry(dropped, RecordPartitions.Attachment.ATTACHED);
        assertThat(listed(project)).containsExactly(old.eventId());
        given().auth().oauth2(viewer()).when().get("/api/v1/records/" + old.eventId()).then().statusCode(200);

        assertThat(partitions.dropBefore(firstKept)).containsExactly(dropped);
        assertThat(listed(project)).isEmpty();
        given().auth().oauth2(viewer()).when().get("/api/v1/records/" + old.eventId()).then().statusCode(404);
        assertThat(keys(old.eventId())).isZero();
    }

    @Test
    void createsAMonthWhileALongExportReadsTheRecords() throws Exception {
        YearMonth month = YearMonth.of(2002, 6);
        try (Connection export = dataSource.getConnection()) {
            export.setAutoCommit(false);
            try (Statement s = export.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM snapshot_record")) {
                rs.next();
            }
            // CREATE TABLE ... PARTITION OF waited for the export (ACCESS EXCLUSIVE on the parent); ATTACH does not
            CompletableFuture.runAsync(() -> partitions.ensure(Set.of(month))).get(5, TimeUnit.SECONDS);
            export.rollback();
        }
        VolumeResultV1 stored = Records.store(ingest, aResult().at("2002-06-15T12:00:00Z").build()).get(0);

        assertThat(partitions.existing()).contains(month);
        given().auth().oauth2(viewer()).when().get("/api/v1/records/" + stored.eventId()).then().statusCode(200);
    }

    private static List<String> listed(String project) {
        return given().auth().oauth2(viewer()).queryParam("projectId", project).queryParam("from", "1970-01-01")
                .when().get("/api/v1/records").then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    private long keys(String... eventIds) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM record_key WHERE event_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", eventIds));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String viewer() {
        return TestTokens.forRole("vera", "viewer");
    }
}
