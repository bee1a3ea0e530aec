package dev.snapshotmanager.local;

/** The one-line status of a component, as {@code up} streams it and {@code status} prints it. */
final class StatusLine {

    private StatusLine() {
    }

    /**
     * @param state   e.g. "ready", "starting", "FAILED", "running", "stopped"
     * @param seconds seconds since {@code up} began, or negative to leave out
     */
    static String of(String name, String state, double seconds, long rssKb, String where) {
        String time = seconds < 0 ? "" : String.format("%6.1fs", seconds);
        String rss = rssKb <= 0 ? "" : ProcStats.format(rssKb);
        return String.format("  %-19s %-9s %7s %8s  %s", name, state, time, rss, where == null ? "" : where).stripTrailing();
    }
}
