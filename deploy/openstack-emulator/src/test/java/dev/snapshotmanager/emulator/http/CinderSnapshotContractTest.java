package dev.snapshotmanager.emulator.http;

import dev.snapshotmanager.emulator.model.Quota;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Cinder v3 snapshots: create checks in order, views, lifecycle rules, update, metadata. */
class CinderSnapshotContractTest extends RawHttpTestBase {

    private static final String SNAPSHOTS = cinder(DEMO_PROJECT) + "/snapshots";

    private static Response create(String body) {
        return demo().contentType("application/json").body(body).post(SNAPSHOTS);
    }

    @Test
    void answersCreateWith202AndExactlyTheCinderKeys() {
        Response r = create("{\"snapshot\":{\"volume_id\":\"" + DATA_VOLUME + "\",\"name\":\"  nightly \","
                + "\"description\":\" d \",\"metadata\":{\"k\":\"v\"}}}");

        r.then().statusCode(202).contentType("application/json")
                .body("snapshot.status", equalTo("creating")).body("snapshot.updated_at", nullValue())
                .body("snapshot.name", equalTo("nightly")).body("snapshot.description", equalTo("d"))
                .body("snapshot.size", equalTo(10)).body("snapshot.volume_id", equalTo(DATA_VOLUME))
                .body("snapshot.metadata", equalTo(Map.of("k", "v")));
        assertThat(json(r)).containsOnlyKeys("snapshot");
        assertThat(r.jsonPath().getMap("snapshot").keySet()).containsExactlyInAnyOrder("id", "created_at",
                "updated_at", "name", "description", "volume_id", "status", "size", "metadata");
        assertThat(emulator.snapshots()).singleElement()
                .satisfies(s -> assertThat(s.projectId()).isEqualTo(DEMO_PROJECT));
    }

    @Test
    void rejectsDisplayDescriptionAsAnAdditionalProperty() {
        create("{\"snapshot\":{\"volume_id\":\"" + DATA_VOLUME + "\",\"display_description\":\"x\"}}")
                .then().statusCode(400).body("badRequest.code", equalTo(400))
                .body("badRequest.message", equalTo("Invalid input for field/attribute snapshot. Value: "
                        + "{'volume_id': '" + DATA_VOLUME + "', 'display_description': 'x'}. Additional properties "
                        + "are not allowed ('display_description' was unexpected)"));
    }

    @Test
    void rejectsAMissingVolumeIdAndBadMetadata() {
        create("{\"snapshot\":{\"name\":\"x\"}}").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid input for field/attribute snapshot. Value: "
                        + "{'name': 'x'}. 'volume_id' is a required property"));
        create("{\"snapshot\":{\"volume_id\":\"" + DATA_VOLUME + "\",\"metadata\":{\"k\":\"" + "v".repeat(256)
                + "\"}}}").then().statusCode(400);
        create("{\"snapshot\":{\"volume_id\":\"" + DATA_VOLUME + "\",\"metadata\":{\"bad*key\":\"v\"}}}").then()
                .statusCode(400);
        create("not json").then().statusCode(400).body("badRequest.message", equalTo("Malformed request body"));
    }

    @Test
    void checksVisibilityThenStatusThenQuota() {
        emulator.state().blockStorage().setQuota(DEMO_PROJECT, Quota.DEFAULT.with("snapshots", 0));

        create(snapshotBody(ALT_VOLUME)).then().statusCode(404)
                .body(equalTo("{\"itemNotFound\":{\"code\":404,\"message\":\"Volume " + ALT_VOLUME
                        + " could not be found.\"}}"));
        create(snapshotBody(BROKEN_VOLUME)).then().statusCode(400).body("badRequest.message", equalTo(
                "Invalid volume: Volume " + BROKEN_VOLUME + " status must be available, but current status is: error."));
        create(snapshotBody(BOOT_VOLUME)).then().statusCode(400).body("badRequest.message", equalTo(
                "Invalid volume: Volume " + BOOT_VOLUME + " status must be available, but current status is: in-use."));
        create(snapshotBody(DATA_VOLUME)).then().statusCode(413).header("Retry-After", "0")
                .body(equalTo("{\"overLimit\":{\"code\":413,\"message\":\"SnapshotLimitExceeded: Maximum number of "
                        + "snapshots allowed (0) exceeded\",\"retryAfter\":\"0\"}}"));
    }

    @Test
    void answersGigabytesQuotaBeforeSnapshotCount() {
        emulator.state().blockStorage().setQuota(DEMO_PROJECT, Quota.DEFAULT.with("gigabytes", 40));

        create(snapshotBody(DATA_VOLUME)).then().statusCode(413).body("overLimit.message", equalTo(
                "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. "
                        + "Requested 10G, quota is 40G and 36G has been consumed."));
    }

    @Test
    void allowsInUseVolumesFromMicroversion366() {
        demo().header("OpenStack-API-Version", "volume 3.66").contentType("application/json")
                .body(snapshotBody(BOOT_VOLUME)).post(SNAPSHOTS).then().statusCode(202)
                .header("OpenStack-API-Version", "volume 3.66");
        demo().header("OpenStack-API-Version", "volume 3.66").contentType("application/json")
                .body("{\"snapshot\":{\"volume_id\":\"" + BOOT_VOLUME + "\",\"force\":false}}").post(SNAPSHOTS)
                .then().statusCode(400);
    }

    @Test
    void makesTheSnapshotBelongToTheCallersProject() {
        admin().contentType("application/json").body(snapshotBody(DATA_VOLUME))
                .post(cinder(ADMIN_PROJECT) + "/snapshots").then().statusCode(202);

        assertThat(emulator.snapshots()).singleElement()
                .satisfies(s -> assertThat(s.projectId()).isEqualTo(ADMIN_PROJECT));
        assertThat(emulator.state().blockStorage().usage(ADMIN_PROJECT).snapshots()).isEqualTo(1);
        assertThat(emulator.state().blockStorage().usage(DEMO_PROJECT).snapshots()).isZero();
        demo().get(SNAPSHOTS).then().body("snapshots", hasSize(0));
    }

    @Test
    void listsSummaryAndDetailViewsWithFilters() {
        String id = create(snapshotBody(DATA_VOLUME)).jsonPath().getString("snapshot.id");
        create(snapshotBody(TAGGED_VOLUME)).then().statusCode(202);

        Response summary = demo().get(SNAPSHOTS + "?volume_id=" + DATA_VOLUME);
        Response detail = demo().get(SNAPSHOTS + "/detail?status=available");
        Response show = demo().get(SNAPSHOTS + "/" + id);

        summary.then().statusCode(200).body("snapshots.id", equalTo(List.of(id)));
        assertThat(summary.jsonPath().getMap("snapshots[0]").keySet()).hasSize(9);
        detail.then().body("snapshots", hasSize(2))
                .body("snapshots[0].'os-extended-snapshot-attributes:project_id'", equalTo(DEMO_PROJECT))
                .body("snapshots[0].'os-extended-snapshot-attributes:progress'", equalTo("100%"));
        show.then().statusCode(200).body("snapshot.id", equalTo(id)).body("snapshot.status", equalTo("available"));
        as("alt-demo", "alt-demo").get(cinder(ALT_PROJECT) + "/snapshots/" + id).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Snapshot " + id + " could not be found."));
        demo().get(SNAPSHOTS + "?limit=1").then().body("snapshots", hasSize(1))
                .body("snapshots_links[0].rel", equalTo("next"));
    }

    @Test
    void deletesWith202AndAnEmptyBodyThenForgets() {
        String id = create(snapshotBody(DATA_VOLUME)).jsonPath().getString("snapshot.id");

        demo().delete(SNAPSHOTS + "/" + id).then().statusCode(202).body(equalTo(""))
                .header("Content-Length", "0");
        demo().get(SNAPSHOTS + "/" + id).then().statusCode(404);
        demo().delete(SNAPSHOTS + "/" + id).then().statusCode(404);
        assertThat(emulator.state().blockStorage().usage(DEMO_PROJECT).snapshots()).isZero();
    }

    @Test
    void refusesToDeleteASnapshotThatIsStillCreating() {
        emulator.faults().snapshots(new dev.snapshotmanager.emulator.faults.FaultSettings.SnapshotFaults(
                60_000, 0, 0, 0, 0));
        String id = create(snapshotBody(DATA_VOLUME)).jsonPath().getString("snapshot.id");

        demo().delete(SNAPSHOTS + "/" + id).then().statusCode(400).body(equalTo("{\"badRequest\":{\"code\":400,"
                + "\"message\":\"Invalid snapshot: Snapshot status must be available or error and must not be part "
                + "of a group.\"}}"));
    }

    @Test
    void updatesNameAndDescriptionButNotWithAnEmptyBody() {
        String id = create(snapshotBody(DATA_VOLUME)).jsonPath().getString("snapshot.id");

        demo().contentType("application/json").body("{\"snapshot\":{\"display_description\":\" why \"}}")
                .put(SNAPSHOTS + "/" + id).then().statusCode(200).body("snapshot.description", equalTo("why"))
                .body("snapshot.name", equalTo("s"));
        demo().contentType("application/json").body("{\"snapshot\":{}}").put(SNAPSHOTS + "/" + id)
                .then().statusCode(400).body("badRequest.code", equalTo(400));
    }

    @Test
    void mergesReplacesAndDeletesSnapshotMetadata() {
        String id = create("{\"snapshot\":{\"volume_id\":\"" + DATA_VOLUME + "\",\"metadata\":{\"a\":\"1\"}}}")
                .jsonPath().getString("snapshot.id");
        String base = SNAPSHOTS + "/" + id + "/metadata";

        demo().contentType("application/json").body("{\"metadata\":{\"b\":\"2\"}}").post(base).then()
                .statusCode(200).body("metadata", equalTo(Map.of("a", "1", "b", "2")));
        demo().contentType("application/json").body("{\"meta\":{\"b\":\"3\"}}").put(base + "/b").then()
                .statusCode(200).body("meta", equalTo(Map.of("b", "3")));
        demo().contentType("application/json").body("{\"meta\":{\"c\":\"3\"}}").put(base + "/b").then()
                .statusCode(400).body("badRequest.message", equalTo("Request body and URI mismatch"));
        demo().contentType("application/json").body("{\"metadata\":{\"z\":\"9\"}}").put(base).then()
                .statusCode(200).body("metadata", equalTo(Map.of("z", "9")));
        demo().delete(base + "/z").then().statusCode(200);
        demo().get(base).then().statusCode(200).body("metadata", equalTo(Map.of()));
        assertThat(Set.copyOf(emulator.snapshots().get(0).metadata().keySet())).isEmpty();
    }
}
