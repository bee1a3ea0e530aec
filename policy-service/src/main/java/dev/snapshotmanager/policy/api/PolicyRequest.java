package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.events.MissedRunMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A policy inside a policy-set request.
 *
 * @param timeZone      IANA zone, default {@code UTC}
 * @param keepLast      keep the last N available snapshots (1..1000); this and/or maxAge
 * @param maxAge        ISO-8601 duration such as {@code P30D}; this and/or keepLast
 * @param missedRunMode default {@code SKIP}
 * @param enabled       default true
 */
@Schema(name = "PolicyRequest")
public record PolicyRequest(
        @Schema(examples = "daily_5", pattern = "[a-z0-9_-]{1,64}") String name,
        String description,
        @Schema(examples = "0 2 * * *", description = "5-field cron") String cron,
        @Schema(examples = "Europe/Paris") String timeZone,
        @Schema(minimum = "1", maximum = "1000") Integer keepLast,
        @Schema(examples = "P30D") String maxAge,
        MissedRunMode missedRunMode,
        Boolean enabled) {
}
