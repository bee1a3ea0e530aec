package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.RunCounters;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.run.service.PolicyProjection;
import dev.snapshotmanager.run.service.RunEvents;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
        return firstLine(path, token, line -> line.contains(expected));
    }

    /** Opens the stream and returns the first data line that {@code matches}. */
    CompletableFuture<String> firstLine(String path, String token, Predicate<String> matches) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    try (Stream<String> lines = response.body()) {
                        return lines.filter(line -> line.startsWith("data:") && matches.test(line))
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
        // the run's own stream starts with its current state (nothing counted yet): wait for a change
        CompletableFuture<String> one = firstLine("api/v1/runs/" + id + "/events",
                TestTokens.forRole("vera", "viewer"), line -> line.contains("\"PROGRESS\"")
                        && !line.contains("\"progressPercent\":0,"));
        CompletableFuture<String> all = firstLine("api/v1/runs/events", TestTokens.forRole("vera", "viewer"),
                id + "\",\"event\":\"PROGRESS\"");
        reportUntilReceived(id, one, all);
        String event = one.get(5, TimeUnit.SECONDS);
        assertThat(event).contains(id.toString()).contains("\"status\":\"RUNNING\"")
                .containsPattern("\"progressPercent\":[1-9]").contains("\"created\":");
        assertThat(all.get(5, TimeUnit.SECONDS)).containsPattern("\"progressPercent\":[1-9]");
    }

    @Test
    void aRunsStreamStartsWithItsCurrentStateSoARunThatFinishedMeanwhileIsSeenFinished() throws Exception {
        Fixtures.PolicySet set = Fixtures.policySet();
        projection.apply(set.event());
        UUID id = UUID.fromString(given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Fixtures.runRequest(set, true)).when().post("/api/v1/runs")
                .then().statusCode(202).extract().path("id"));
        tracker.planned(Fixtures.planned(id, 0, 0, 0)); // nothing to do: finished at once, before anyone listens

        String first = firstLine("api/v1/runs/" + id + "/events", ADMIN, "\"runId\"").get(10, TimeUnit.SECONDS);

        assertThat(first).contains(id.toString()).contains("\"event\":\"SKIPPED\"")
                .contains("\"status\":\"SKIPPED\"");
    }

    @Test
    void aRunningRunsStreamStartsWithItsProgressAndThenLeavesNoChangeOut() throws Exception {
        UUID id = runningRun();
        tracker.result(Fixtures.result(id, "v-before", VolumeAction.WOULD_CREATE));

        CompletableFuture<String> first = firstLine("api/v1/runs/" + id + "/events", ADMIN, "\"runId\"");
        CompletableFuture<String> later = firstLine("api/v1/runs/" + id + "/events", ADMIN,
                line -> line.matches(".*\"created\":([2-9]|\\d\\d).*"));

        assertThat(first.get(10, TimeUnit.SECONDS)).contains("\"event\":\"PROGRESS\"")
                .contains("\"status\":\"RUNNING\"").contains("\"created\":1");
        reportUntilReceived(id, later);
        assertThat(later.get(5, TimeUnit.SECONDS)).contains("\"status\":\"RUNNING\"");
    }

    @Test
    void anIdleStreamSendsKeepAliveCommentsAndAsksProxiesNotToBufferIt() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve("api/v1/runs/events"))
                .header("Authorization", "Bearer " + ADMIN).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        try (Stream<String> lines = response.body()) {
            // the test profile's snapshot.runs.stream-keep-alive is one second
            CompletableFuture<List<String>> twoComments = CompletableFuture.supplyAsync(() -> lines
                    .filter(line -> line.startsWith(":")).limit(2).toList());
            assertThat(twoComments.get(10, TimeUnit.SECONDS)).containsExactly(":keep-alive", ":keep-alive");
        }
    }

    @Test
    void ordersTheProgressOfARunByStageThenCountedResults() {
        assertThat(RunEvents.progressOf(lifecycle(RunStatus.REQUESTED, null)))
                .isLessThan(RunEvents.progressOf(lifecycle(RunStatus.PLANNING, null)));
        assertThat(RunEvents.progressOf(lifecycle(RunStatus.RUNNING, counters(5))))
                .isLessThan(RunEvents.progressOf(lifecycle(RunStatus.RUNNING, counters(6))))
                .isLessThan(RunEvents.progressOf(lifecycle(RunStatus.COMPLETED, counters(0))));
        assertThat(RunEvents.progressOf(lifecycle(RunStatus.COMPLETED, counters(6))))
                .isLessThan(RunEvents.progressOf(lifecycle(RunStatus.COMPLETED, counters(7))));
    }

    private static RunCounters counters(int counted) {
        return new RunCounters(10, counted, 0, 0, 0, 0, 1, 0);
    }

    private static RunLifecycleV1 lifecycle(RunStatus status, RunCounters counters) {
        return new RunLifecycleV1(UUID.randomUUID(), LifecycleEvent.PROGRESS, status, null, null, false, null,
                counters, 0, null, null, null, null, null, null, Instant.now());
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
