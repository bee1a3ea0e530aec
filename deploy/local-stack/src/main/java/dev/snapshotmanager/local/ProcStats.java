package dev.snapshotmanager.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory of processes, from Linux's {@code /proc/<pid>/status}. */
public final class ProcStats {

    private ProcStats() {
    }

    /** The {@code VmRSS} of a {@code /proc/<pid>/status} text in kB, 0 when absent (a zombie or kernel thread). */
    public static long parseRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                String unit = parts.length > 1 ? parts[1].toLowerCase() : "kb";
                return switch (unit) {
                    case "mb" -> value * 1024;
                    case "gb" -> value * 1024 * 1024;
                    default -> value;
                };
            }
        }
        return 0;
    }

    /** Resident memory of a process and everything it started, in kB; 0 when it does not run. */
    public static long treeRssKb(long pid) {
        return ProcessHandle.of(pid).map(h -> Stream.concat(Stream.of(h), h.descendants())
                .mapToLong(p -> rssKb(p.pid())).sum()).orElse(0L);
    }

    private static long rssKb(long pid) {
        try {
            return parseRssKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** "512 MB" or "1.4 GB". */
    public static String format(long kb) {
        double mb = kb / 1024.0;
        return mb >= 1024 ? String.format("%.1f GB", mb / 1024) : String.format("%d MB", Math.round(mb));
    }
}
