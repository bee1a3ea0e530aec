package dev.snapshotmanager.emulator.faults;

import dev.snapshotmanager.emulator.EmulatorTestBase;
import dev.snapshotmanager.emulator.faults.FaultSettings.SnapshotFaults;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Faults set through {@code /_emulator/faults} and the Java API. */
class FaultInjectionTest extends EmulatorTestBase {

    private static final String SNAPSHOTS = "/volume/v3/" + DEMO_PROJECT + "/snapshots";

    private static RequestSpecification emulatorApi() {
        return RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON);
    }

    private static RequestSpecification demo() {
        String token = emulatorApi().body("""
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo",
                "domain":{"id":"default"},"password":"secret"}}},"scope":{"project":{"id":"%s"}}}}"""
                .formatted(DEMO_PROJECT)).post("/identity/v3/auth/tokens").header("X-Subject-Token");
        return RestAssured.given().baseUri(emulator.baseUrl()).header("X-Auth-Token", token)
                .contentType(ContentType.JSON);
    }

    private static String createSnapshot(RequestSpecification spec) {
        return spec.body("{\"snapshot\":{\"volume_id\":\"" + DATA_VOLUME + "\"}}").post(SNAPSHOTS)
                .then().statusCode(202).extract().jsonPath().getString("snapshot.id");
    }

    @Test
    void injectsErrorsByStatusAsTheRealSourcesAnswerThem() {
        emulatorApi().body("{\"errors\":{\"snapshots.create\":[{\"status\":503,\"rate\":1.0,\"times\":1}],"
                + "\"snapshots.list\":[{\"status\":429,\"rate\":1.0,\"times\":1}],"
                + "\"snapshots.get\":[{\"status\":413,\"rate\":1.0,\"times\":1}],"
                + "\"volumes.*\":[{\"status\":500,\"rate\":1.0,\"times\":1}]}}").put("/_emulator/faults")
                .then().statusCode(200);
        RequestSpecification demo = demo();

        demo.body("{\"snapshot\":{\"volume_id\":\"" + DATA_VOLUME + "\"}}").post(SNAPSHOTS).then().statusCode(503)
                .body("serviceUnavailable.code", equalTo(503));
        demo.get(SNAPSHOTS).then().statusCode(429).header("Retry-After", "1").contentType("text/html")
                .body(containsString("429 Too Many Requests"));
        demo.get(SNAPSHOTS + "/x").then().statusCode(413).header("Retry-After", "60")
                .body("overLimitFault.message", equalTo("This request was rate-limited."));
        demo.get("/volume/v3/" + DEMO_PROJECT + "/volumes/detail").then().statusCode(500)
                .body("computeFault.code", equalTo(500));

        createSnapshot(demo);
        demo.get(SNAPSHOTS).then().statusCode(200);
        assertThat(emulator.snapshots()).hasSize(1);
        emulatorApi().get("/_emulator/counters").then().statusCode(200)
                .body("counters.'snapshots.create'.'503'", equalTo(1))
                .body("counters.'snapshots.create'.'202'", equalTo(1));
    }

    @Test
    void deletesTheMarkerOfAPageRequestAsIfItVanishedBetweenPages() {
        emulatorApi().body("{\"vanishingMarkers\":{\"volumes.*\":{\"times\":1}}}").put("/_emulator/faults")
                .then().statusCode(200).body("vanishingMarkers.'volumes.*'.times", equalTo(1));
        String volumes = "/volume/v3/" + DEMO_PROJECT + "/volumes/detail?limit=2";
        List<String> first = demo().get(volumes).then().statusCode(200).extract().jsonPath().getList("volumes.id");

        demo().get(volumes + "&marker=" + first.get(1)).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Marker " + first.get(1) + " could not be found."));

        List<String> again = demo().get(volumes).then().statusCode(200).extract().jsonPath().getList("volumes.id");
        assertThat(again).containsExactly(first.get(0), BOOT_VOLUME).doesNotContain(first.get(1));
        demo().get(volumes + "&marker=" + again.get(1)).then().statusCode(200)
                .body("volumes.id", equalTo(List.of(DATA_VOLUME)));
        assertThat(emulator.state().blockStorage().volume(first.get(1))).isEmpty();
        assertThat(emulator.state().blockStorage().usage(DEMO_PROJECT).volumes()).isEqualTo(3);
    }

    @Test
    void deletesEveryMarkerWhenTheVanishingIsUnlimited() {
        emulator.faults().vanishingMarker("snapshots.list", null);
        for (int i = 0; i < 3; i++) {
            createSnapshot(demo());
        }
        List<String> ids = demo().get(SNAPSHOTS + "?limit=1").then().statusCode(200).extract().jsonPath()
                .getList("snapshots.id");

        demo().get(SNAPSHOTS + "?limit=1&marker=" + ids.get(0)).then().statusCode(404);
        String next = demo().get(SNAPSHOTS + "?limit=1").then().statusCode(200).extract().jsonPath()
                .getString("snapshots[0].id");
        demo().get(SNAPSHOTS + "?limit=1&marker=" + next).then().statusCode(404);

        assertThat(emulator.snapshots()).hasSize(1).noneMatch(s -> s.id().equals(ids.get(0)) || s.id().equals(next));
        assertThat(emulator.state().blockStorage().usage(DEMO_PROJECT).snapshots()).isEqualTo(1);
    }

    @Test
    void delaysAnswersByTheConfiguredLatency() {
        emulator.faults().latency("volumes.get", 300, 0);
        RequestSpecification demo = demo();

        long start = System.nanoTime();
        demo.get("/volume/v3/" + DEMO_PROJECT + "/volumes/" + DATA_VOLUME).then().statusCode(200);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
    }

    @Test
    void leavesSnapshotsStuckOrInErrorAndFailsDeletes() {
        RequestSpecification demo = demo();
        emulator.faults().snapshots(new SnapshotFaults(0, 0, 1.0, 0, 0));
        String stuck = createSnapshot(demo);
        emulator.faults().snapshots(new SnapshotFaults(0, 0, 0, 1.0, 1.0));
        String failed = createSnapshot(demo);

        demo.delete(SNAPSHOTS + "/" + failed).then().statusCode(202);

        demo.get(SNAPSHOTS + "/" + stuck).then().body("snapshot.status", equalTo("creating"));
        demo.get(SNAPSHOTS + "/" + failed).then().body("snapshot.status", equalTo("error_deleting"));
        assertThat(emulator.state().blockStorage().usage(DEMO_PROJECT).snapshots()).isEqualTo(2);
    }

    @Test
    void repeatsTheSameFaultsWithTheSameSeed() {
        List<Integer> first = statusesWithSeed(1234L);
        List<Integer> second = statusesWithSeed(1234L);

        assertThat(first).isEqualTo(second).contains(200, 503);
    }

    private List<Integer> statusesWithSeed(long seed) {
        emulator.faults().reset();
        emulator.faults().apply(new FaultSettings(seed, null, java.util.Map.of("volumes.get",
                List.of(new FaultSettings.ErrorRule(503, 0.5, null))), null));
        RequestSpecification demo = demo();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(demo.get("/volume/v3/" + DEMO_PROJECT + "/volumes/" + DATA_VOLUME).statusCode());
        }
        return statuses;
    }

    @Test
    void expiresEveryTokenOnDemand() {
        RequestSpecification demo = demo();
        demo.get(SNAPSHOTS).then().statusCode(200);

        emulatorApi().post("/_emulator/faults/expire-tokens").then().statusCode(204);

        demo.get(SNAPSHOTS).then().statusCode(401);
    }

    @Test
    void resetsFaultsThroughTheApi() {
        emulator.faults().error("snapshots.list", 500, 1.0, null);

        emulatorApi().delete("/_emulator/faults").then().statusCode(204);

        demo().get(SNAPSHOTS).then().statusCode(200);
        emulatorApi().get("/_emulator/faults").then().statusCode(200).body("errors", equalTo(java.util.Map.of()));
    }
}
