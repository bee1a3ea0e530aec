package dev.snapshotmanager.emulator.faults;

import dev.snapshotmanager.emulator.EmulatorTestBase;
import dev.snapshotmanager.emulator.faults.FaultSettings.SnapshotFaults;
import dev.snapshotmanager.emulator.model.Quota;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads creating and deleting snapshots in one project: quota accounting stays exact. */
class QuotaConcurrencyTest extends EmulatorTestBase {

    private static final int THREADS = 12;
    private static final int ROUNDS = 40;
    private static final int LIMIT = 7;
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @Test
    void neverAdmitsMoreSnapshotsThanTheQuotaAndReleasesEveryDeletedOne() throws Exception {
        emulator.state().blockStorage().setQuota(DEMO_PROJECT, Quota.DEFAULT.with("snapshots", LIMIT));
        emulator.faults().snapshots(new SnapshotFaults(2, 3, 0, 0, 0));
        HttpClient http = HttpClient.newHttpClient();
        String token = token(http);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String volume = t % 2 == 0 ? DATA_VOLUME : TAGGED_VOLUME;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    HttpResponse<String> r = send(http, token, "POST", "/snapshots",
                            "{\"snapshot\":{\"volume_id\":\"" + volume + "\"}}");
                    maxSeen.accumulateAndGet((int) emulator.state().blockStorage().usage(DEMO_PROJECT).snapshots(),
                            Math::max);
                    if (r.statusCode() == 413) {
                        rejected.incrementAndGet();
                        continue;
                    }
                    assertThat(r.statusCode()).isEqualTo(202);
                    created.incrementAndGet();
                    Matcher m = ID.matcher(r.body());
                    assertThat(m.find()).isTrue();
                    if (i % 3 != 0) {
                        deleteWhenAvailable(http, token, m.group(1));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        Thread.sleep(100);

        long remaining = emulator.snapshots().size();
        assertThat(created.get() + rejected.get()).isEqualTo(THREADS * ROUNDS);
        assertThat(rejected.get()).isPositive();
        assertThat(maxSeen.get()).isLessThanOrEqualTo(LIMIT);
        assertThat(remaining).isLessThanOrEqualTo(LIMIT);
        assertThat(emulator.state().blockStorage().usage(DEMO_PROJECT).snapshots()).isEqualTo(remaining);
        assertThat(emulator.state().blockStorage().usage(DEMO_PROJECT).snapshotGigabytes())
                .isEqualTo(emulator.snapshots().stream().mapToLong(s -> s.size()).sum());
        assertThat(emulator.counters().count("snapshots.create", 202)).isEqualTo(created.get());
    }

    private static void deleteWhenAvailable(HttpClient http, String token, String id) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            int status = send(http, token, "DELETE", "/snapshots/" + id, null).statusCode();
            if (status == 202) {
                return;
            }
            assertThat(status).isEqualTo(400);
            Thread.sleep(2);
        }
        throw new AssertionError("snapshot " + id + " never became deletable");
    }

    private static HttpResponse<String> send(HttpClient http, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/volume/v3/" + DEMO_PROJECT
                + path)).header("X-Auth-Token", token);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(HttpClient http) throws Exception {
        String auth = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"id\":\""
                + DEMO_USER + "\",\"password\":\"secret\"}}},\"scope\":{\"project\":{\"id\":\"" + DEMO_PROJECT + "\"}}}}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.authUrl() + "/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(auth)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("X-Subject-Token").orElseThrow();
    }
}
