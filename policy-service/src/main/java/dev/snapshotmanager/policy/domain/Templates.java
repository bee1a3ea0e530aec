package dev.snapshotmanager.policy.domain;

import dev.snapshotmanager.events.MissedRunMode;
import java.util.List;
import java.util.Optional;

/** The built-in policy templates kept for compatibility with the reference system (DOMAIN.md). */
public final class Templates {

    /** A policy definition to copy into a set. */
    public record Template(String name, String description, String cron, String timeZone, Integer keepLast,
            String maxAge, MissedRunMode missedRunMode) {
    }

    public static final List<Template> ALL = List.of(
            new Template("daily_5", "Daily at 02:00 UTC, keep the last 5", "0 2 * * *", "UTC", 5, null,
                    MissedRunMode.RUN_ONCE),
            new Template("monthly_1st", "On the 1st of each month at 03:00 UTC, keep the last 1", "0 3 1 * *", "UTC",
                    1, null, MissedRunMode.RUN_ONCE),
            new Template("monthly_15th", "On the 15th of each month at 03:00 UTC, keep the last 1", "0 3 15 * *",
                    "UTC", 1, null, MissedRunMode.RUN_ONCE));

    private Templates() {
    }

    public static Optional<Template> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
