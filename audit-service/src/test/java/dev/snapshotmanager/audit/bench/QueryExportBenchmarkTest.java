package dev.snapshotmanager.audit.bench;

import dev.snapshotmanager.audit.domain.PageCursor;
import dev.snapshotmanager.audit.domain.RecordFilter;
import dev.snapshotmanager.audit.domain.SortOrder;
import dev.snapshotmanager.audit.repository.RecordReader;
import dev.snapshotmanager.audit.repository.SqlConditions;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Query and export benchmark (not part of the test run; see README "Benchmarks"): generates
 * {@code bench.query.rows} records spread over 2026 for 200 tenants, then measures p50/p99 of API pages over HTTP and
 * the CSV export of {@code bench.export.rows} rows (rows/s, peak heap), {@code bench.export.runs} times (default 3:
 * the first export after start also pays for compiling the export's code; every run is printed).
 */
@QuarkusTest
@Tag("benchmark")
class QueryExportBenchmarkTest {

    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final long YEAR_SECONDS = 365L * 86400;
    private static final int EXPORT_RUNS = Integer.getInteger("bench.export.runs", 3);
    /** Requests of every query, all queries in turn, before any is measured ({@code -Dbench.query.warm-up}). */
    private static final int WARM_UP_REQUESTS = Integer.getInteger("bench.query.warm-up", 50);

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    /**
     * HTTP/1.1, as curl, scripts and the gateway's proxy speak to the service; the JDK client's default would upgrade
     * to cleartext HTTP/2 (h2c), which no real client of this plain-HTTP service uses.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String token = TestTokens.forRole("bench", "admin");

    @Test
    void queryLatencyAndExportThroughput() throws Exception {
        long rows = Long.getLong("bench.query.rows", 10_000_000L);
        long exportRows = Math.min(rows, Long.getLong("bench.export.rows", 1_000_000L));
        generate(rows);

        String tenantWeek = "api/v1/records?projectId=tenant-7&from=2026-06-01T00:00:00Z&to=2026-06-08T00:00:00Z"
                + "&action=CREATED&limit=50";
        String deep = new PageCursor(SortOrder.DESC, Instant.parse("2026-04-15T12:00:00Z"), Long.MAX_VALUE).encode();
        PageCursor deepCursor = PageCursor.decode(deep, SortOrder.DESC);
        explain("tenant + 7 days + action, first page", RecordFilter.none().withRange(
                Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-08T00:00:00Z")), "tenant-7", "CREATED", null);
        explain("deep keyset page, all tenants", RecordFilter.none(), null, null, deepCursor);
        explain("deep keyset page, one tenant", RecordFilter.none(), "tenant-42", null, deepCursor);
        explain("one volume's history", RecordFilter.none(), null, null, null, "vol-4242");

        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("tenant + 7 days + action, first page", tenantWeek);
        queries.put("deep keyset page, all tenants", "api/v1/records?limit=50&cursor=" + deep);
        queries.put("deep keyset page, one tenant", "api/v1/records?projectId=tenant-42&limit=50&cursor=" + deep);
        queries.put("tenant + 7 days, with total (cap 10000)", tenantWeek + "&includeTotal=true");
        queries.put("one volume's history, newest first", "api/v1/records?volumeId=vol-4242&limit=50");
        queries.put("one run's records", "api/v1/runs/" + runOf(rows / 2) + "/records?limit=50");
        queries.put("failures, all tenants, first page", "api/v1/records/failures?limit=50");
        queries.put("statistics, one tenant, 30 days",
                "api/v1/statistics?projectId=tenant-7&from=2026-06-01&to=2026-07-01");
        // every query is warmed up before any is measured: until 2026-12-01 each had 20 requests of its own just
        // before its measure, and the first measured paid for compiling the request path (tenant + 7 days + action:
        // p50 10.9-11.1 ms, against 4.0-6.4 ms for the same page with a total, measured fourth)
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            for (String path : queries.values()) {
                check(http.send(request(path), HttpResponse.BodyHandlers.ofString()));
            }
        }
        for (Map.Entry<String, String> query : queries.entrySet()) {
            report(query.getKey(), request(query.getValue()));
        }

        Instant exportTo = YEAR.plusSeconds(Math.max(1, YEAR_SECONDS * exportRows / rows));
        for (int run = 1; run <= EXPORT_RUNS; run++) {
            export("api/v1/records/export?format=csv&to=" + exportTo, run);
        }
    }

    private void generate(long rows) throws Exception {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE snapshot_record, record_key, volume_policy_state");
            s.execute("SELECT ensure_record_partition(('2026-01-01'::date + make_interval(months => m))::date)"
                    + " FROM generate_series(0, 12) AS m");
            long chunk = 1_000_000;
            for (long from = 0; from < rows; from += chunk) {
                long to = Math.min(rows, from + chunk) - 1;
                s.execute("INSERT INTO snapshot_record (event_id, occurred_at, run_id, action, dry_run, slot, duration_ms,"
                        + " snapshot_id, snapshot_name, volume_id, volume_name, volume_size_gb, volume_bootable, domain_id,"
                        + " domain_name, project_id, project_name, server_id, server_name, policy_set_id, policy_set_name,"
                        + " policy_name, retention_keep_last)"
                        + " SELECT 'q-' || g, timestamptz '2026-01-01 00:00:00+00' + make_interval(secs => g * "
                        + ((double) YEAR_SECONDS / rows) + "), md5((g / 500)::text)::uuid,"
                        // the action cycles per tenant (g / 200), so that every tenant has every action
                        + " (ARRAY['CREATED','CREATED','CREATED','DELETED','DELETED','SKIPPED','FAILED','QUOTA_BLOCKED'])"
                        + "[1 + (g / 200) % 8],"
                        + " false, timestamptz '2026-01-01 00:00:00+00', 1500, 'snap-' || g, 'auto-snap-' || g,"
                        + " 'vol-' || (g % 50000), 'data-' || (g % 50000), 10 + g % 90, g % 5 = 0, 'default', 'Default',"
                        + " 'tenant-' || (g % 200), 'Project ' || (g % 200), 'srv-' || (g % 20000), 'web-' || (g % 20000),"
                        + " '00000000-0000-0000-0000-0000000be7c4', 'gold', 'daily_5', 5"
                        + " FROM generate_series(" + from + ", " + to + ") AS g");
                System.out.printf("[bench] generated %,d rows (%.0f s)%n", to + 1, (System.nanoTime() - started) / 1e9);
            }
            s.execute("ANALYZE snapshot_record");
            try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('shared_buffers'),"
                    + " current_setting('jit') || ' (available: ' || pg_jit_available() || ')', current_setting('work_mem')")) {
                rs.next();
                System.out.printf("[bench] PostgreSQL %s, shared_buffers %s, jit %s, work_mem %s%n", rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4));
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(sum(pg_table_size(inhrelid))) || ' table, '"
                    + " || pg_size_pretty(sum(pg_indexes_size(inhrelid))) || ' indexes'"
                    + " FROM pg_inherits WHERE inhparent = 'snapshot_record'::regclass")) {
                rs.next();
                System.out.printf("[bench] %,d rows generated in %.0f s; %s%n", rows,
                        (System.nanoTime() - started) / 1e9, rs.getString(1));
            }
        }
    }

    /** The run id the generator gives row g (md5 of g / 500, as in {@link #generate}). */
    private String runOf(long g) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT md5((" + g + " / 500)::text)::uuid")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Prints the plan PostgreSQL runs for the service's page statement (EXPLAIN ANALYZE, custom and generic plan). */
    private void explain(String name, RecordFilter base, String project, String action, PageCursor after,
            String... volume) throws Exception {
        RecordFilter filter = new RecordFilter(base.from(), base.to(),
                action == null ? Set.of() : Set.of(VolumeAction.valueOf(action)),
                project == null ? List.of() : List.of(project), null, null, null, null, null,
                volume.length == 0 ? null : volume[0], null, null, null, null, null, null, null);
        try (Connection c = dataSource.getConnection()) {
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                try (Statement set = c.createStatement()) {
                    set.execute("SET plan_cache_mode = " + mode);
                }
                SqlConditions conditions = SqlConditions.of(filter, Optional.empty());
                String sql = RecordReader.pageSql(conditions, SortOrder.DESC, after);
                try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)) {
                    s.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
                    s.setInt(conditions.bind(c, s), 51);
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            plan.append("[bench]     ").append(rs.getString(1)).append('\n');
                        }
                    }
                    System.out.printf("[bench] plan of '%s' (%s):%n%s", name, mode, plan);
                }
            }
            try (Statement reset = c.createStatement()) {
                reset.execute("RESET plan_cache_mode");
            }
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).build();
    }

    private void report(String name, HttpRequest request) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long t = System.nanoTime();
            check(http.send(request, HttpResponse.BodyHandlers.ofString()));
            millis.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("[bench] query %-40s p50 %6.1f ms  p99 %6.1f ms  (200 requests over HTTP)%n", name,
                millis.get(99), millis.get(197));
    }

    private void export(String path, int run) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        CpuUse cpu = CpuUse.now();
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(30)).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        sampler.join();
        String cpuUse = cpu.since(seconds, "this JVM (service and client)");
        System.out.printf("[bench] export %d of %d: CSV %,d rows (%,d MB) in %.1f s = %,.0f rows/s; heap before %d MB, "
                + "peak %d MB (same JVM as the service, client included; max heap %d MB); %s%n", run, EXPORT_RUNS,
                lines - 1, bytes >> 20, seconds, (lines - 1) / seconds, baseline >> 20, peak.get() >> 20,
                memory.getHeapMemoryUsage().getMax() >> 20, cpuUse);
    }

    private static void check(HttpResponse<?> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode() + ": " + response.body());
        }
    }
}
