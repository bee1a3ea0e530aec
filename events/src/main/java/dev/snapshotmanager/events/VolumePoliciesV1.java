package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The policies that apply to one volume now, as policy-service resolves them: topic {@link Topics#VOLUME_POLICIES}
 * (compacted), key {@code volumeId}, type {@code snapshot.volume.policies.v1}. Published by policy-service whenever a
 * volume's resolution changes (an exclusion, assignment, rule, policy set or the volume itself changed, or an
 * exclusion expired); consumed by audit-service, which judges compliance against it. The latest event per key is the
 * whole state; a consumer reading the compacted topic from its beginning knows every volume's policies.
 *
 * <p>A volume no longer in the inventory gets {@code removed=true} with no resolution.
 *
 * @param projectId  the volume's project (tenant); {@code null} only when removed
 * @param decidedBy  the step that decided; {@code null} only when removed
 * @param reason     the resolver's explanation, for operators (e.g. the exclusion's reason or the rule's name)
 * @param excludedUntil when the exclusion that decided ends, {@code null} if it does not end or none decided
 * @param policies   the policies that apply; empty when excluded, opted out or uncovered
 * @param resolvedAt when policy-service resolved this state; consumers ignore an event older than what they have
 */
public record VolumePoliciesV1(
        @JsonProperty(required = true) String volumeId,
        @JsonProperty(required = true) boolean removed,
        String projectId,
        ResolutionStep decidedBy,
        String reason,
        Instant excludedUntil,
        @JsonProperty(required = true) List<ExpectedPolicy> policies,
        @JsonProperty(required = true) Instant resolvedAt) {

    public VolumePoliciesV1 {
        policies = Copies.list(policies);
    }

    /** The event that says a volume is gone. */
    public static VolumePoliciesV1 removed(String volumeId, Instant at) {
        return new VolumePoliciesV1(volumeId, true, null, null, null, null, List.of(), at);
    }
}
