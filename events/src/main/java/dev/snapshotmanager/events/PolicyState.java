package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A policy as it is now, inside {@link PolicySetState}.
 *
 * @param name          unique within its set, e.g. {@code daily_5}
 * @param cron          5-field cron, e.g. {@code 0 2 * * *}
 * @param timeZone      IANA zone the cron is read in, e.g. {@code UTC}, {@code Europe/Paris}
 * @param keepLast      keep-last count (1..1000), or {@code null}
 * @param maxAge        ISO-8601 duration, or {@code null}; at least one of keepLast and maxAge is set
 * @param missedRunMode what to do with missed slots
 * @param enabled       whether the scheduler fires it
 */
public record PolicyState(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String cron,
        @JsonProperty(required = true) String timeZone,
        Integer keepLast,
        String maxAge,
        @JsonProperty(required = true) MissedRunMode missedRunMode,
        @JsonProperty(required = true) boolean enabled) {
}
