package dev.snapshotmanager.audit.api;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.audit.service.IngestService;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every filter on its own and in combinations, over a small data set of one domain no other test uses. */
@QuarkusTest
class RecordFilterTest {

    @Inject
    IngestService ingest;

    String domain;
    String projectA;
    String projectB;
    UUID run;
    UUID goldSet;
    VolumeResultV1 created;
    VolumeResultV1 failed;
    VolumeResultV1 deleted;
    VolumeResultV1 dryRun;
    VolumeResultV1 quota;

    @BeforeEach
    void storeDataSet() {
        domain = "dom-" + UUID.randomUUID();
        projectA = Records.uniqueProject();
        projectB = Records.uniqueProject();
        run = UUID.randomUUID();
        goldSet = UUID.randomUUID();
        created = aResult().domain(domain, "Domain X").project(projectA, "Alpha").run(run).action(VolumeAction.CREATED)
                .volume("vol-1", "web-root").server("srv-1", "web-1").snapshot("snap-1", "auto-alpha-1")
                .policy(goldSet, "daily_5").at("2026-11-01T10:00:00Z").build();
        failed = aResult().domain(domain, "Domain X").project(projectA, "Alpha").run(run).action(VolumeAction.FAILED)
                .volume("vol-2", "db-data").server("srv-2", "db-1").snapshot("snap-2", "auto-alpha-2")
                .error("Cinder said 50% full_disk").policy(goldSet, "daily_5").at("2026-11-02T10:00:00Z").build();
        deleted = aResult().domain(domain, "Domain X").project(projectB, "Beta").action(VolumeAction.DELETED)
                .volume("vol-3", "logs").server("srv-3", "log-1").snapshot("snap-3", "auto-beta-3")
                .policy(goldSet, "monthly_1st").reason("RETENTION_KEEP_LAST").at("2026-11-03T10:00:00Z").build();
        dryRun = aResult().domain(domain, "Domain X").project(projectB, "Beta").action(VolumeAction.WOULD_CREATE)
                .volume("vol-4", "scratch").server("srv-4", "batch-1").snapshot(null, null)
                .policy(UUID.randomUUID(), "Platinum Tier", "daily_5").dryRun(true).at("2026-11-04T10:00:00Z").build();
        quota = aResult().domain(domain, "Domain X").project(projectB, "Beta").action(VolumeAction.QUOTA_BLOCKED)
                .volume("vol-1", "web-root").server("srv-1", "web-1").snapshot(null, null).reason("QUOTA_GIGABYTES")
                .policy(goldSet, "daily_5").at("2026-11-05T10:00:00Z").build();
        Records.store(ingest, created, failed, deleted, dryRun, quota);
    }

    @Test
    void filtersByEachFieldOnItsOwn() {
        assertThat(matching("projectId", projectA)).containsExactlyInAnyOrder(created.eventId(), failed.eventId());
        assertThat(matching("projectName", "Beta")).containsExactlyInAnyOrder(deleted.eventId(), dryRun.eventId(),
                quota.eventId());
        assertThat(matching("action", "DELETED")).containsExactly(deleted.eventId());
        assertThat(matching("serverId", "srv-1")).containsExactlyInAnyOrder(created.eventId(), quota.eventId());
        assertThat(matching("serverName", "db-1")).containsExactly(failed.eventId());
        assertThat(matching("volumeId", "vol-3")).containsExactly(deleted.eventId());
        assertThat(matching("volumeName", "web-root")).containsExactlyInAnyOrder(created.eventId(), quota.eventId());
        assertThat(matching("snapshotId", "snap-2")).containsExactly(failed.eventId());
        assertThat(matching("policy", "monthly_1st")).containsExactly(deleted.eventId());
        assertThat(matching("policySetId", goldSet.toString())).hasSize(4).doesNotContain(dryRun.eventId());
        assertThat(matching("runId", run.toString())).containsExactlyInAnyOrder(created.eventId(), failed.eventId());
        assertThat(matching("dryRun", "true")).containsExactly(dryRun.eventId());
        assertThat(matching("dryRun", "false")).hasSize(4);
        assertThat(matching("from", "2026-11-04")).containsExactlyInAnyOrder(dryRun.eventId(), quota.eventId());
        assertThat(matching("to", "2026-11-02T10:00:00Z")).containsExactly(created.eventId());
    }

    @Test
    void filtersByDomainIdAndName() {
        assertThat(matching("domainName", "Domain X")).hasSize(5);
        assertThat(given().auth().oauth2(Tokens.viewer()).queryParam("domainId", domain).queryParam("limit", 1000)
                .when().get("/api/v1/records").then().statusCode(200).extract().jsonPath().getList("items.id"))
                .hasSize(5);
    }

    @Test
    void acceptsSeveralActionsRepeatedOrCommaSeparated() {
        assertThat(matching(Map.of("action", "created,FAILED"))).containsExactlyInAnyOrder(created.eventId(),
                failed.eventId());
        List<String> repeated = given().auth().oauth2(Tokens.viewer()).queryParam("domainId", domain)
                .queryParam("action", "DELETED").queryParam("action", "QUOTA_BLOCKED")
                .when().get("/api/v1/records").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(repeated).containsExactlyInAnyOrder(deleted.eventId(), quota.eventId());
    }

    @Test
    void acceptsSeveralProjects() {
        List<String> ids = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", projectA)
                .queryParam("projectId", projectB).when().get("/api/v1/records")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(ids).hasSize(5);
    }

    @Test
    void searchesFreeTextInNamesIdsAndErrorsCaseInsensitively() {
        assertThat(matching("q", "WEB-")).containsExactlyInAnyOrder(created.eventId(), quota.eventId());
        assertThat(matching("q", "auto-beta")).containsExactly(deleted.eventId());
        assertThat(matching("q", "gigabytes")).containsExactly(quota.eventId());
        // LIKE wildcards are taken literally.
        assertThat(matching("q", "50% full_")).containsExactly(failed.eventId());
        assertThat(matching("q", "5_%")).isEmpty();
    }

    @Test
    void searchesFreeTextInDomainPolicySetRunAndRecordIdsInPagesAndTheCsvExport() {
        Map<String, List<String>> expected = Map.of(
                // domain id (the data set's own domain: every record)
                domain.substring(4).toUpperCase(Locale.ROOT), List.of(created.eventId(), failed.eventId(),
                        deleted.eventId(), dryRun.eventId(), quota.eventId()),
                // policy set id (uuid column), in upper case
                goldSet.toString().toUpperCase(Locale.ROOT), List.of(created.eventId(), failed.eventId(),
                        deleted.eventId(), quota.eventId()),
                // policy set name
                "platinum t", List.of(dryRun.eventId()),
                // run id (uuid column), a part of it
                run.toString().substring(9, 23), List.of(created.eventId(), failed.eventId()),
                // the record's own id
                deleted.eventId().toUpperCase(Locale.ROOT), List.of(deleted.eventId()));
        for (Map.Entry<String, List<String>> search : expected.entrySet()) {
            assertThat(matching("q", search.getKey())).as("page, q=%s", search.getKey())
                    .containsExactlyInAnyOrderElementsOf(search.getValue());
            assertThat(exported(Map.of("q", search.getKey()))).as("csv, q=%s", search.getKey())
                    .containsExactlyInAnyOrderElementsOf(search.getValue());
        }
    }

    @Test
    void combinesFilters() {
        assertThat(matching(Map.of("projectName", "Beta", "action", "QUOTA_BLOCKED,DELETED", "volumeName", "web-root")))
                .containsExactly(quota.eventId());
        assertThat(matching(Map.of("policy", "daily_5", "dryRun", "false", "from", "2026-11-02T00:00:00Z",
                "to", "2026-11-06T00:00:00Z"))).containsExactlyInAnyOrder(failed.eventId(), quota.eventId());
        assertThat(matching(Map.of("runId", run.toString(), "q", "db-", "action", "FAILED")))
                .containsExactly(failed.eventId());
        assertThat(matching(Map.of("runId", run.toString(), "action", "DELETED"))).isEmpty();
    }

    private List<String> exported(Map<String, String> filters) {
        Map<String, Object> params = new HashMap<>(filters);
        params.put("domainId", domain);
        params.put("format", "csv");
        String csv = given().auth().oauth2(Tokens.viewer()).queryParams(params).when().get("/api/v1/records/export")
                .then().statusCode(200).extract().asString();
        try {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                    .getRecords().stream().map(r -> r.get("id")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> matching(String name, String value) {
        return matching(Map.of(name, value));
    }

    private List<String> matching(Map<String, String> filters) {
        Map<String, Object> params = new HashMap<>(filters);
        params.put("domainId", domain);
        params.put("limit", 1000);
        return given().auth().oauth2(Tokens.viewer()).queryParams(params).when().get("/api/v1/records")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }
}
