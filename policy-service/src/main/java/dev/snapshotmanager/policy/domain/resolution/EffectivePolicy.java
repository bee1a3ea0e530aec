package dev.snapshotmanager.policy.domain.resolution;

import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.Retention;
import java.util.UUID;

/** A policy that applies to a volume, with its schedule and its retention after overrides. */
public record EffectivePolicy(
        UUID policySetId,
        String policySetName,
        String policyName,
        String cron,
        String timeZone,
        MissedRunMode missedRunMode,
        Retention retention,
        RetentionSource retentionSource) {
}
