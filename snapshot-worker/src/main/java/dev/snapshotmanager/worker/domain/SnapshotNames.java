package dev.snapshotmanager.worker.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot names (DOMAIN.md): {@code auto-<project>-<policy>-<server>-<volume>-<YYYYMMDD-HHMMSS>} in UTC. In each
 * part spaces become {@code _}, every other character outside {@code [A-Za-z0-9_.-]} becomes {@code -}, and the
 * part is cut to 40 characters; unknown (null or blank) parts are left out.
 */
public final class SnapshotNames {

    /** Longest part, in characters. */
    public static final int MAX_PART = 40;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private SnapshotNames() {
    }

    /** The name of the snapshot of {@code volume} taken for {@code policy} at {@code time}. */
    public static String of(String project, String policy, String server, String volume, Instant time) {
        List<String> parts = new ArrayList<>();
        parts.add("auto");
        for (String part : new String[] {project, policy, server, volume}) {
            String clean = sanitize(part);
            if (!clean.isEmpty()) {
                parts.add(clean);
            }
        }
        parts.add(STAMP.format(time));
        return String.join("-", parts);
    }

    /** One part: spaces to {@code _}, other characters outside {@code [A-Za-z0-9_.-]} to {@code -}, at most 40. */
    public static String sanitize(String part) {
        if (part == null || part.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        part.strip().codePoints().limit(MAX_PART).forEach(c -> out.append(c == ' ' ? '_' : allowed(c) ? (char) c : '-'));
        return out.toString();
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-';
    }
}
