package dev.snapshotmanager.audit.api;

import dev.snapshotmanager.audit.domain.RecordFilter;
import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.common.time.StorableTimes;
import dev.snapshotmanager.events.VolumeAction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Reads query parameters into domain values, collecting every problem: a value that cannot be read (bad date,
 * unknown action, not a UUID) is a 400; readable values that make no sense together (from after to, limit out of
 * range) are a 422. Both list each offending parameter in {@code violations}.
 */
final class FilterParser {

    private final List<Problem.Violation> malformed = new ArrayList<>();
    private final List<Problem.Violation> invalid = new ArrayList<>();

    RecordFilter filter(RecordQueryParams p) {
        Instant from = instant("from", p.from);
        Instant to = instant("to", p.to);
        if (from != null && to != null && !from.isBefore(to)) {
            invalid.add(new Problem.Violation("from", "must be before to"));
        }
        return new RecordFilter(from, to, actions(p.action), texts("projectId", split(p.projectId)),
                text("projectName", p.projectName), text("domainId", p.domainId), text("domainName", p.domainName),
                text("serverId", p.serverId), text("serverName", p.serverName), text("volumeId", p.volumeId),
                text("volumeName", p.volumeName), text("snapshotId", p.snapshotId),
                uuid("policySetId", p.policySetId), text("policy", p.policy), uuid("runId", p.runId),
                bool("dryRun", p.dryRun), text("q", p.q));
    }

    Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            Instant instant = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
            if (!StorableTimes.contains(instant)) {
                malformed.add(new Problem.Violation(field, "out of range (years 1 to 9999): " + text));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            malformed.add(new Problem.Violation(field, "not an ISO-8601 date or date-time: " + text));
            return null;
        }
    }

    Set<VolumeAction> actions(List<String> values) {
        Set<VolumeAction> actions = EnumSet.noneOf(VolumeAction.class);
        for (String name : split(values)) {
            try {
                actions.add(VolumeAction.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                malformed.add(new Problem.Violation("action", "unknown action " + name + "; one of "
                        + Arrays.toString(VolumeAction.values())));
            }
        }
        return actions;
    }

    UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            malformed.add(new Problem.Violation(field, "not a UUID"));
            return null;
        }
    }

    Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                malformed.add(new Problem.Violation(field, "must be true or false"));
                yield null;
            }
        };
    }

    int integer(String field, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            malformed.add(new Problem.Violation(field, "not a whole number"));
            return defaultValue;
        }
        if (number < min || number > max) {
            invalid.add(new Problem.Violation(field, "must be between " + min + " and " + max));
        }
        return number;
    }

    <E extends Enum<E>> E choice(String field, String value, Class<E> type, E defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            malformed.add(new Problem.Violation(field, "one of " + Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT)));
            return defaultValue;
        }
    }

    void addInvalid(String field, String message) {
        invalid.add(new Problem.Violation(field, message));
    }

    /** Throws the collected problems: 400 when something could not be read, else 422 when something is invalid. */
    void check() {
        if (!malformed.isEmpty()) {
            throw new ProblemException(400, "Bad Request", "Some query parameters cannot be read", malformed);
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.unprocessable("Some query parameters are not acceptable", invalid);
        }
    }

    private static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().toList();
    }

    /** The trimmed text, null when blank; a NUL character (which no stored text holds) cannot be read. */
    String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            malformed.add(new Problem.Violation(field, "must not contain a NUL character"));
            return null;
        }
        return value.trim();
    }

    /** Each value read by {@link #text}: the readable ones, the others listed as malformed. */
    List<String> texts(String field, List<String> values) {
        return values.stream().map(v -> text(field, v)).filter(v -> v != null).toList();
    }
}
