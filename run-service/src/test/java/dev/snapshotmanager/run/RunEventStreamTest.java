package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.run.service.PolicyProjection;
import dev.snapshotmanager.run.service.RunTracker;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RunEventStreamTest {

    static final String ADMIN = TestTokens.forRole("alice", "admin");

    @TestHTTPResource("/")
    URL base;

    @Inject
    PolicyProjection projection;

    @Inject
    RunTracker tracker;

    UUID runningRun() {
        Fixtures.PolicySet set = Fixtures.policySet();
        projection.apply(set.event());
        UUID id = UUID.fromString(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Fixtures.runRequest(set, true)).when().post("/api/v1/runs")
                .then().statusCode(202).extract().path("id"));
        tracker.planned(Fixtures.planned(id, 100, 100, 10));
        return id;
    }

    /** Opens the stream and returns the first data line containing {@code expected}. */
    CompletableFuture<String> firstLine(String path, String token, String expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    try (Stream<String> lines = response.body()) {
                        return lines.filter(line -> line.startsWith("data:") && line.contains(expected))
                                .findFirst().orElseThrow();
                    }
                });
    }

    /** Reports volume results (one PROGRESS a second at most) until every stream got what it waits for. */
    void reportUntilReceived(UUID id, CompletableFuture<?>... streams) throws InterruptedException {
        for (int i = 0; i < 30 && !CompletableFuture.allOf(streams).isDone(); i++) {
            tracker.result(Fixtures.result(id, "v" + i, VolumeAction.WOULD_CREATE));
            Thread.sleep(1100);
        }
    }

    @Test
    void streamsAProgressChangeOfOneRunAndOfAllRuns() throws Exception {
        UUID id = runningRun();
        CompletableFuture<String> one = firstLine("api/v1/runs/" + id + "/events",
                TestTokens.forRole("vera", "viewer"), "\"PROGRESS\"");
        CompletableFuture<String> all = firstLine("api/v1/runs/events", TestTokens.forRole("vera", "viewer"),
                id + "\",\"event\":\"PROGRESS\"");
        reportUntilReceived(id, one, all);
        String event = one.get(5, TimeUnit.SECONDS);
        assertThat(event).contains(id.toString()).contains("\"status\":\"RUNNING\"")
                .containsPattern("\"progressPercent\":[1-9]").contains("\"created\":");
        assertThat(all.get(5, TimeUnit.SECONDS)).containsPattern("\"progressPercent\":[1-9]");
    }

    @Test
    void aTenantUserDoesNotSeeOtherTenantsRunsInTheStream() throws Exception {
        UUID id = runningRun();
        CompletableFuture<String> other = firstLine("api/v1/runs/events",
                TestTokens.forTenants("bob", "viewer", java.util.List.of("project-z")), id.toString());
        reportUntilReceived(id, other);
        // the run is of a GLOBAL unrestricted policy: it touches every tenant, so bob sees it
        assertThat(other.get(5, TimeUnit.SECONDS)).contains("PROGRESS");
        Fixtures.PolicySet tenantSet = Fixtures.policySet().tenant("project-a");
        projection.apply(tenantSet.event());
        UUID tenantRun = UUID.fromString(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Fixtures.runRequest(tenantSet, true)).when().post("/api/v1/runs")
                .then().statusCode(202).extract().path("id"));
        CompletableFuture<String> hidden = firstLine("api/v1/runs/events",
                TestTokens.forTenants("bob", "viewer", java.util.List.of("project-z")), tenantRun.toString());
        Thread.sleep(1000);
        tracker.planned(Fixtures.planned(tenantRun, 0, 0, 0));
        assertThat(hidden).failsWithin(Duration.ofSeconds(3));
        hidden.cancel(true);
        given().auth().oauth2(TestTokens.forTenants("bob", "viewer", java.util.List.of("project-z")))
                .when().get("/api/v1/runs/" + tenantRun + "/events").then().statusCode(404);
    }
}
