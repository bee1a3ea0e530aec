package dev.snapshotmanager.audit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used from a point on, for the benchmarks' figures: by this JVM (the service under test, the benchmark's client
 * and the test broker) and by the whole machine (PostgreSQL included), from {@code /proc/stat} where there is one.
 */
record CpuUse(long jvmNanos, long machineTicks) {
    static CpuUse now() {
        return new CpuUse(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime(), machineBusyTicks());
    }

    /** @param jvm what this JVM holds, for the text ("this JVM with the broker") */
    String since(double wallSeconds, String jvm) {
        CpuUse end = now();
        return String.format("CPU: %s %.1f s, the machine %.1f s of %.1f s on %d cores", jvm,
                (end.jvmNanos - jvmNanos) / 1e9, (end.machineTicks - machineTicks) / 100.0,
                wallSeconds * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
    }

    /** Busy clock ticks (1/100 s) of all cores: every field of the cpu line but idle and iowait. */
    private static long machineBusyTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length; i++) {
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
            }
            return busy;
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }
}
