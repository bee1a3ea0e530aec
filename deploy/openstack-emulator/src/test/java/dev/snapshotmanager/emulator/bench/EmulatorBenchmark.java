package dev.snapshotmanager.emulator.bench;

import dev.snapshotmanager.emulator.EmulatorOptions;
import dev.snapshotmanager.emulator.OpenStackEmulator;
import dev.snapshotmanager.emulator.scenario.Scenario;
import dev.snapshotmanager.emulator.scenario.Scenario.GeneratorSpec;
import dev.snapshotmanager.emulator.scenario.ScenarioApplier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: prints the emulator's figures on loopback. Run with
 * {@code mvn -pl deploy/openstack-emulator exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.snapshotmanager.emulator.bench.EmulatorBenchmark [-Dexec.args="threads seconds"]}.
 */
public final class EmulatorBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern VOLUME_ID = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\",\"links\"");

    private EmulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            System.exit(0);
        }
    }

    private static void run(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int projects = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        long heapBefore = usedHeap();
        Scenario big = new Scenario(null, null, null, List.of(new Scenario.UserSpec(null, "bench", null, null, null,
                Map.of("project-0001", List.of("admin", "member")))), null, null, null, null,
                new GeneratorSpec(projects, 1000, 0.2, 0.1, 10, 1L, Map.of("snapshots", -1, "gigabytes", -1), null));
        long loadStart = System.nanoTime();
        try (OpenStackEmulator emulator = OpenStackEmulator.start(EmulatorOptions.defaults().withScenario(big))) {
            long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
            long heapAfter = usedHeap();
            System.out.printf("scenario: %d volumes loaded in %d ms; heap used by the scenario: %.1f MiB "
                            + "(%.0f bytes per volume)%n", emulator.state().blockStorage().volumeCount(), loadMs,
                    (heapAfter - heapBefore) / 1048576.0,
                    (heapAfter - heapBefore) / (double) emulator.state().blockStorage().volumeCount());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String project = ScenarioApplier.keystoneId("project", "project-0001");
            String token = token(http, emulator, project);
            paging(http, emulator, token, project);
            throughput(http, emulator, token, project, threads, seconds);
        }
    }

    /** Pages every volume three times; per page position, the best wall time and server CPU of the rounds. */
    private static void paging(HttpClient http, OpenStackEmulator emulator, String token, String project)
            throws Exception {
        String base = emulator.baseUrl() + "/volume/v3/" + project + "/volumes?all_tenants=1&limit=1000";
        List<long[]> best = new ArrayList<>();
        int total = 0;
        for (int round = 0; round < 3; round++) {
            String marker = null;
            total = 0;
            for (int page = 0; ; page++) {
                long cpu = eventLoopCpuNanos();
                long start = System.nanoTime();
                String body = get(http, token, base + (marker == null ? "" : "&marker=" + marker));
                long wall = (System.nanoTime() - start) / 1000;
                cpu = (eventLoopCpuNanos() - cpu) / 1000;
                if (best.size() <= page) {
                    best.add(new long[] {wall, cpu});
                } else {
                    best.get(page)[0] = Math.min(best.get(page)[0], wall);
                    best.get(page)[1] = Math.min(best.get(page)[1], cpu);
                }
                List<String> ids = new ArrayList<>();
                Matcher m = VOLUME_ID.matcher(body);
                while (m.find()) {
                    ids.add(m.group(1));
                }
                total += ids.size();
                if (ids.size() < 1000) {
                    break;
                }
                marker = ids.get(ids.size() - 1);
            }
        }
        int n = best.size();
        System.out.printf("paging: %d volumes in %d pages of 1000 (best of 3 rounds per page): first 10 pages avg "
                        + "%.2f ms wall / %.2f ms server CPU, last 10 pages avg %.2f ms wall / %.2f ms server CPU%n",
                total, n, avg(best.subList(0, 10), 0), avg(best.subList(0, 10), 1), avg(best.subList(n - 10, n), 0),
                avg(best.subList(n - 10, n), 1));
    }

    private static void throughput(HttpClient http, OpenStackEmulator emulator, String token, String project,
                                   int threads, int seconds) throws Exception {
        List<String> volumes = new ArrayList<>();
        Matcher m = VOLUME_ID.matcher(get(http, token, emulator.baseUrl() + "/volume/v3/" + project
                + "/volumes?limit=" + threads));
        while (m.find()) {
            volumes.add(m.group(1));
        }
        String snapshots = emulator.baseUrl() + "/volume/v3/" + project + "/snapshots";
        runLoad(http, token, snapshots, volumes, threads, Math.max(5, seconds));
        emulator.counters().reset();
        long cpuBefore = eventLoopCpuNanos();
        long[][] result = runLoad(http, token, snapshots, volumes, threads, seconds);
        long cpu = eventLoopCpuNanos() - cpuBefore;
        long requests = Arrays.stream(result).mapToLong(r -> r[0]).sum();
        long[] latencies = Arrays.stream(result).flatMapToLong(r -> Arrays.stream(r, 1, r.length)).filter(l -> l > 0)
                .sorted().toArray();
        System.out.printf("snapshot API: %d threads, %d s: %d requests, %.0f requests/s; latency p50 %.2f ms, "
                        + "p99 %.2f ms (create, show, list by volume_id, delete)%n", threads, seconds, requests,
                requests / (double) seconds, latencies[latencies.length / 2] / 1000.0,
                latencies[(int) (latencies.length * 0.99)] / 1000.0);
        System.out.printf("server CPU (event loop) per request: %.1f us, i.e. %.0f requests/s per core%n",
                cpu / 1000.0 / requests, requests / (cpu / 1e9));
        System.out.println("counters: " + emulator.counters().snapshot());
    }

    private static long[][] runLoad(HttpClient http, String token, String snapshots, List<String> volumes,
                                    int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String volume = volumes.get(t % volumes.size());
            futures.add(pool.submit(() -> {
                long[] samples = new long[2_000_001];
                int n = 0;
                while (System.nanoTime() < deadline && n < samples.length - 4) {
                    long s = System.nanoTime();
                    String created = send(http, token, "POST", snapshots,
                            "{\"snapshot\":{\"volume_id\":\"" + volume + "\",\"name\":\"bench\",\"force\":true}}", 202);
                    samples[++n] = (System.nanoTime() - s) / 1000;
                    Matcher id = ID.matcher(created);
                    id.find();
                    s = System.nanoTime();
                    send(http, token, "GET", snapshots + "/" + id.group(1), null, 200);
                    samples[++n] = (System.nanoTime() - s) / 1000;
                    s = System.nanoTime();
                    send(http, token, "GET", snapshots + "?volume_id=" + volume, null, 200);
                    samples[++n] = (System.nanoTime() - s) / 1000;
                    s = System.nanoTime();
                    send(http, token, "DELETE", snapshots + "/" + id.group(1), null, 202);
                    samples[++n] = (System.nanoTime() - s) / 1000;
                }
                samples[0] = n;
                return Arrays.copyOf(samples, n + 1);
            }));
        }
        try {
            long[][] result = new long[threads][];
            for (int t = 0; t < threads; t++) {
                result[t] = futures.get(t).get(seconds + 60L, TimeUnit.SECONDS);
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String send(HttpClient http, String token, String method, String url, String body, int expected)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String get(HttpClient http, String token, String url) throws Exception {
        return send(http, token, "GET", url, null, 200);
    }

    private static String token(HttpClient http, OpenStackEmulator emulator, String project) throws Exception {
        String auth = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"bench\","
                + "\"domain\":{\"id\":\"default\"},\"password\":\"secret\"}}},\"scope\":{\"project\":{\"id\":\""
                + project + "\"}}}}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.authUrl() + "/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(auth)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private static long eventLoopCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("vert.x-eventloop")) {
                total += mx.getThreadCpuTime(info.getThreadId());
            }
        }
        return total;
    }

    private static double avg(List<long[]> values, int column) {
        return values.stream().mapToLong(v -> v[column]).average().orElse(0) / 1000.0;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
