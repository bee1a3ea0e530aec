package dev.snapshotmanager.policy.domain.resolution;

import dev.snapshotmanager.events.Retention;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reference system's Cinder metadata keys (DOMAIN.md step 3): {@code auto_snapshot}, {@code snapshot_policies}
 * (comma or semicolon list) or legacy {@code snapshot_policy}, and retention as {@code retention_<policy>}, legacy
 * {@code snapshot_retention_<policy>} or {@code retention} (all policies). A retention value is a keep-last count
 * (1..1000) or an ISO-8601 duration (max age).
 */
public final class CinderMetadata {

    /** The longest maximum age accepted, in years. */
    public static final int MAX_AGE_YEARS = 100;

    /** A period is measured from here: {@link #MAX_AGE_YEARS} later is the latest date it may reach. */
    private static final LocalDate PERIOD_BASE = LocalDate.of(2000, 1, 1);
    private static final LocalDate PERIOD_LIMIT = PERIOD_BASE.plusYears(MAX_AGE_YEARS);

    /** The same limit for a duration: the days from {@link #PERIOD_BASE} to {@link #PERIOD_LIMIT} (36,525). */
    private static final Duration MAX_AGE = Duration.ofDays(ChronoUnit.DAYS.between(PERIOD_BASE, PERIOD_LIMIT));

    private static final Set<String> TRUE = Set.of("true", "yes", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "0", "off");

    private CinderMetadata() {
    }

    /** true/false when {@code auto_snapshot} says so explicitly, empty when absent or unreadable. */
    public static Optional<Boolean> autoSnapshot(Map<String, String> metadata) {
        String value = metadata.get("auto_snapshot");
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return Optional.of(true);
        }
        return FALSE.contains(v) ? Optional.of(false) : Optional.empty();
    }

    /** The policy names the metadata lists, in order, without duplicates. */
    public static List<String> policyNames(Map<String, String> metadata) {
        String list = metadata.get("snapshot_policies");
        if (list == null || list.isBlank()) {
            list = metadata.get("snapshot_policy");
        }
        List<String> names = new ArrayList<>();
        if (list != null) {
            for (String part : list.split("[,;]")) {
                String name = part.trim();
                if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * The retention the metadata sets for a policy, most specific key first; a value that cannot be read adds a
     * warning and is ignored.
     */
    public static Optional<Retention> retention(Map<String, String> metadata, String policy, List<String> warnings) {
        if (!hasRetention(metadata)) {
            return Optional.empty();
        }
        for (String key : List.of("retention_" + policy, "snapshot_retention_" + policy, "retention")) {
            String value = metadata.get(key);
            if (value == null || value.isBlank()) {
                continue;
            }
            Optional<Retention> parsed = parse(value.trim());
            if (parsed.isPresent()) {
                return parsed;
            }
            warnings.add("metadata " + key + "='" + value + "' is not a keep-last count (1..1000) or an ISO-8601 "
                    + "duration; ignored");
        }
        return Optional.empty();
    }

    /** Whether any key could carry a retention (a cheap pre-check for the hot path). */
    static boolean hasRetention(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return false;
        }
        for (String key : metadata.keySet()) {
            if (key.contains("retention")) {
                return true;
            }
        }
        return false;
    }

    static Optional<Retention> parse(String value) {
        try {
            int count = Integer.parseInt(value);
            return count >= 1 && count <= 1000 ? Optional.of(new Retention(count, null)) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return isDuration(value) ? Optional.of(new Retention(null, value)) : Optional.empty();
        }
    }

    /**
     * Whether the value is a positive ISO-8601 duration ({@code PT12H}) or period ({@code P30D}, {@code P1M}) of at
     * most {@link #MAX_AGE_YEARS} years: a maximum age beyond any retention anyone keeps is a typo, not a policy.
     */
    public static boolean isDuration(String value) {
        if (value == null) {
            return false;
        }
        try {
            Duration d = Duration.parse(value);
            return !d.isNegative() && !d.isZero() && d.compareTo(MAX_AGE) <= 0;
        } catch (DateTimeParseException notDuration) {
            try {
                Period p = Period.parse(value);
                return !p.isNegative() && !p.isZero()
                        && !PERIOD_BASE.plus(p).isAfter(PERIOD_LIMIT);
            } catch (DateTimeException | ArithmeticException notPeriodOrTooLong) {
                return false;
            }
        }
    }
}
