package dev.snapshotmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Exports and SSE pass through the gateway as streams: never held back, never buffered whole. */
@QuarkusTest
class StreamingTest {

    private static final long LARGE_EXPORT = 512L * 1024 * 1024;
    private static final long MEGABYTE = 1024 * 1024;

    @TestHTTPResource("/")
    URI gateway;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void deliversServerSentEventsWhileTheUpstreamStreamIsStillOpen() throws Exception {
        HttpResponse<InputStream> response = send("/api/v1/runs/r-1/events?fake=sse", "text/event-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readEvent(events));
            assertThat(first.get(10, TimeUnit.SECONDS)).contains("STARTED").doesNotContain("COMPLETED");
            // an open stream outlives the time the gateway waits for an answer to begin (2 s in tests)
            Thread.sleep(3_000);
            openGate("run");
            assertThat(CompletableFuture.supplyAsync(() -> readEvent(events)).get(10, TimeUnit.SECONDS))
                    .contains("COMPLETED");
        }
    }

    @Test
    void streamsALargeExportWithBackPressureInsteadOfBufferingIt() throws Exception {
        HttpResponse<InputStream> response = send("/api/v1/exports/records.csv?fake=stream&bytes=" + LARGE_EXPORT,
                "text/csv");
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            long read = body.readNBytes((int) MEGABYTE).length;
            Thread.sleep(1500);
            long writtenWhileWePaused = upstreamWritten();
            // A buffering proxy would have drained the whole 512 MB from the upstream by now.
            assertThat(writtenWhileWePaused).isLessThan(read + 64 * MEGABYTE);
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = body.read(buffer)) > 0; ) {
                read += n;
            }
            assertThat(read).isEqualTo(LARGE_EXPORT);
        }
    }

    private HttpResponse<InputStream> send(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path))
                .header("Authorization", "Bearer " + Callers.token("viewer"))
                .header("Accept", accept)
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String readEvent(BufferedReader events) {
        StringBuilder event = new StringBuilder();
        try {
            for (String line; (line = events.readLine()) != null && !line.isEmpty(); ) {
                event.append(line).append('\n');
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return event.toString();
    }

    private void openGate(String upstream) throws Exception {
        http.send(HttpRequest.newBuilder(Callers.upstream(upstream).resolve("/__gate")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private long upstreamWritten() throws Exception {
        String stats = http.send(HttpRequest.newBuilder(Callers.upstream("audit").resolve("/__stats")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Long.parseLong(stats.replaceAll("\\D", ""));
    }
}
