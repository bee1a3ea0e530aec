package dev.snapshotmanager.policy.domain.resolution;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.snapshotmanager.events.ResolutionStep;
import java.util.List;
import java.util.UUID;

/**
 * The effective policies of one volume and why: which step decided, and the exclusion, assignment, rule or set
 * that made the decision.
 *
 * @param reason   a human-readable explanation (for an exclusion: its reason)
 * @param warnings what was ignored on the way (unknown policy names, invalid retention metadata, inactive sets)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resolution(
        String volumeId,
        ResolutionStep decidedBy,
        String reason,
        UUID exclusionId,
        UUID assignmentId,
        UUID ruleId,
        String ruleName,
        UUID policySetId,
        String policySetName,
        List<EffectivePolicy> policies,
        List<String> warnings) {

    public boolean isProtected() {
        return !policies.isEmpty();
    }
}
