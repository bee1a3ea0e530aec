package dev.snapshotmanager.policy;

import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.events.ResolutionStep;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.policy.domain.RuleMatch;
import dev.snapshotmanager.policy.domain.Values;
import dev.snapshotmanager.policy.domain.resolution.Resolution;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.AssignmentView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.ExclusionView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.PolicyView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.RuleView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.SetView;
import dev.snapshotmanager.policy.domain.resolution.Resolver;
import dev.snapshotmanager.policy.domain.resolution.VolumeDescription;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Benchmark (not a test): resolves 10,000 volumes in-process against a realistic state (200 tenants with their own
 * sets, 5 GLOBAL sets, 300 rules, 2,000 assignments, 500 exclusions, a third of the volumes with legacy metadata)
 * and prints the wall and CPU time of state indexing plus resolution. Goal: under 500 ms.
 *
 * <p>Run: {@code mvn -pl policy-service test-compile exec:java} (the module's exec configuration).
 */
public final class ResolutionBenchmark {

    private static final int VOLUMES = 10_000;
    private static final int TENANTS = 200;

    private ResolutionBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(42);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<SetView> sets = new ArrayList<>();
        List<PolicyView> policies = List.of(
                new PolicyView("daily_5", "0 2 * * *", "UTC", 5, null, MissedRunMode.RUN_ONCE, true),
                new PolicyView("monthly_1st", "0 3 1 * *", "UTC", 1, null, MissedRunMode.RUN_ONCE, true),
                new PolicyView("hourly", "0 * * * *", "Europe/Paris", 24, "P2D", MissedRunMode.SKIP, true));
        for (int g = 0; g < 5; g++) {
            sets.add(new SetView(UUID.randomUUID(), "global-" + g, PolicyScope.GLOBAL, null, g * 10, true, g == 4,
                    t0.plusSeconds(g), policies));
        }
        for (int t = 0; t < TENANTS; t++) {
            sets.add(new SetView(UUID.randomUUID(), "tenant-" + t, PolicyScope.TENANT, "project-" + t, 50,
                    true, t % 2 == 0, t0.plusSeconds(100 + t), policies.subList(0, 2)));
        }
        List<RuleView> rules = new ArrayList<>();
        for (int r = 0; r < 300; r++) {
            RuleMatch match = new RuleMatch(null, Values.of("project-name-" + random.nextInt(TENANTS)),
                    Values.of("db-", "sql-"), r % 3 == 0 ? Values.of("prod") : null, r % 5 == 0 ? Boolean.FALSE : null,
                    r % 7 == 0 ? 10 : null, r % 7 == 0 ? 2000 : null, null,
                    r % 4 == 0 ? Map.of("env", Values.of("prod", "staging")) : null, null);
            rules.add(new RuleView(UUID.randomUUID(), "rule-" + r, r % 2 == 0 ? null : "project-" + (r % TENANTS),
                    random.nextInt(1001), t0.plusSeconds(r), match, sets.get(r % 5).id(), r % 11 != 0));
        }
        List<VolumeDescription> volumes = new ArrayList<>();
        List<AssignmentView> assignments = new ArrayList<>();
        List<ExclusionView> exclusions = new ArrayList<>();
        String[] prefixes = {"db-", "web-", "sql-", "cache-", "log-"};
        for (int i = 0; i < VOLUMES; i++) {
            String id = UUID.randomUUID().toString();
            int tenant = random.nextInt(TENANTS);
            Map<String, String> metadata = new HashMap<>();
            metadata.put("env", i % 2 == 0 ? "prod" : "dev");
            if (i % 3 == 0) {
                metadata.put("auto_snapshot", i % 9 == 0 ? "false" : "yes");
                metadata.put("snapshot_policies", "daily_5;monthly_1st");
                metadata.put("retention_daily_5", "7");
            }
            volumes.add(new VolumeDescription(id, prefixes[i % prefixes.length] + "prod-" + i, "d1", "Default",
                    "project-" + tenant, "project-name-" + tenant, 1 + random.nextInt(500), "ssd", i % 10 == 0,
                    "in-use", metadata, List.of(new VolumeDescription.Attachment("srv-" + i, "vm-" + i))));
            if (i % 5 == 0) {
                assignments.add(new AssignmentView(UUID.randomUUID(), id, "project-" + tenant,
                        sets.get(5 + tenant).id(), List.of(), Map.of("daily_5", new Retention(3, null)), i % 25 != 0));
            } else if (i % 20 == 1) {
                exclusions.add(new ExclusionView(UUID.randomUUID(), id, "project-" + tenant, "maintenance",
                        i % 40 == 1 ? null : t0.plusSeconds(1)));
            }
        }
        Instant now = Instant.now();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] millis = new long[15];
        long[] cpuMillis = new long[15];
        Map<ResolutionStep, Integer> steps = new EnumMap<>(ResolutionStep.class);
        for (int round = 0; round < 20; round++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            ResolutionState state = new ResolutionState(sets, rules, assignments, exclusions);
            List<Resolution> resolutions = new Resolver(state, now).resolveAll(volumes);
            long elapsed = System.nanoTime() - start;
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            if (round >= 5) {
                millis[round - 5] = elapsed / 1_000_000;
                cpuMillis[round - 5] = cpu / 1_000_000;
            }
            if (round == 19) {
                resolutions.forEach(r -> steps.merge(r.decidedBy(), 1, Integer::sum));
            }
        }
        Arrays.sort(millis);
        Arrays.sort(cpuMillis);
        System.out.printf("Resolved %,d volumes (%d sets, %d rules, %d assignments, %d exclusions)%n", VOLUMES,
                sets.size(), rules.size(), assignments.size(), exclusions.size());
        System.out.printf("after 5 warm-up rounds, 15 rounds: min %d ms, median %d ms, max %d ms (goal < 500 ms)%n",
                millis[0], millis[7], millis[14]);
        System.out.printf("CPU time of the resolving thread: min %d ms, median %d ms, max %d ms "
                + "(wall time includes waiting for a core on a shared machine)%n", cpuMillis[0], cpuMillis[7],
                cpuMillis[14]);
        System.out.println("deciding steps: " + steps);
    }
}
