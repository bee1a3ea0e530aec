package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.policy.domain.AssignmentRule;
import dev.snapshotmanager.policy.domain.RuleMatch;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Rule")
public record RuleResponse(UUID id, String name, String description, String tenantId, int priority,
        boolean enabled, RuleMatch match, UUID policySetId, boolean autoSnapshot, long version, Instant createdAt,
        String createdBy, Instant updatedAt, String updatedBy) {

    public static RuleResponse of(AssignmentRule r) {
        return new RuleResponse(r.id, r.name, r.description, r.tenantId, r.priority, r.enabled, r.match,
                r.policySetId, r.autoSnapshot, r.version, r.createdAt, r.createdBy, r.updatedAt, r.updatedBy);
    }
}
