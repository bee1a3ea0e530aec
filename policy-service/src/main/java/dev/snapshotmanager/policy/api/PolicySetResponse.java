package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.policy.domain.Policy;
import dev.snapshotmanager.policy.domain.PolicySet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A policy set with its policies; {@code version} is what {@code If-Match} expects. */
@Schema(name = "PolicySet")
public record PolicySetResponse(UUID id, String name, String description, PolicyScope scope, String tenantId,
        int priority, boolean active, boolean autoApply, List<PolicyResponse> policies, long version,
        Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    /** A policy of the set. */
    @Schema(name = "Policy")
    public record PolicyResponse(String name, String description, String cron, String timeZone, Integer keepLast,
            String maxAge, MissedRunMode missedRunMode, boolean enabled) {

        static PolicyResponse of(Policy p) {
            return new PolicyResponse(p.name, p.description, p.cron, p.timeZone, p.keepLast, p.maxAge,
                    p.missedRunMode, p.enabled);
        }
    }

    public static PolicySetResponse of(PolicySet s) {
        return new PolicySetResponse(s.id, s.name, s.description, s.scope, s.tenantId, s.priority, s.active,
                s.autoApply, s.policies.stream().map(PolicyResponse::of).toList(), s.version, s.createdAt, s.createdBy,
                s.updatedAt, s.updatedBy);
    }
}
