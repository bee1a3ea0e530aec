package dev.snapshotmanager.audit.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU used from a point on by PostgreSQL's processes and by each group of this JVM's threads (named as Linux shows
 * them, digits folded: "volume-results-N"), from {@code /proc}: where a benchmark phase spends the machine.
 */
final class CpuByPart {

    private final Map<String, Long> ticksByThread;
    private final long postgresTicks;

    private CpuByPart(Map<String, Long> ticksByThread, long postgresTicks) {
        this.ticksByThread = ticksByThread;
        this.postgresTicks = postgresTicks;
    }

    static CpuByPart now() {
        Map<String, Long> threads = new HashMap<>();
        forEachStat(Path.of("/proc/self/task"), (id, name, ticks) -> threads.put(id + " " + name, ticks));
        long[] postgres = {0};
        forEachStat(Path.of("/proc"), (id, name, ticks) -> {
            if (name.equals("postgres")) {
                postgres[0] += ticks;
            }
        });
        return new CpuByPart(threads, postgres[0]);
    }

    /** PostgreSQL's seconds, then the {@code top} busiest thread groups' seconds, as text. */
    String since(int top) {
        CpuByPart end = now();
        Map<String, Long> groups = new HashMap<>();
        end.ticksByThread.forEach((key, ticks) -> groups.merge(key.substring(key.indexOf(' ') + 1)
                .replaceAll("\\d+", "N"), ticks - ticksByThread.getOrDefault(key, 0L), Long::sum));
        Map<String, Long> busiest = groups.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        String threads = busiest.entrySet().stream()
                .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / 100.0))
                .collect(Collectors.joining(", "));
        return String.format("PostgreSQL %.1f s; this JVM's busiest threads: %s",
                (end.postgresTicks - postgresTicks) / 100.0, threads);
    }

    private interface StatLine {
        void accept(String id, String name, long ticks);
    }

    /** utime + stime (fields 14 and 15 of {@code stat}) of every numeric entry of {@code dir}; nothing off Linux. */
    private static void forEachStat(Path dir, StatLine line) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    // fields[0] is field 3 (state): utime is field 14, stime field 15
                    line.accept(entry.getFileName().toString(), stat.substring(open + 1, close),
                            Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException gone) {
                    // a process or thread that ended meanwhile, or one not ours to read
                }
            }
        } catch (IOException notLinux) {
            // no /proc: nothing to report
        }
    }
}
