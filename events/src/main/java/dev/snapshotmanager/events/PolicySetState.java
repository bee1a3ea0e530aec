package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/**
 * A policy set as it is now, inside {@link PolicyChangedV1}: the full state, not a diff.
 *
 * @param tenantId  the project id when {@code scope} is TENANT, else {@code null}
 * @param priority  0..1000, higher wins
 * @param autoApply when true, the default for every volume in its scope that nothing more specific decides
 */
public record PolicySetState(
        @JsonProperty(required = true) UUID id,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) PolicyScope scope,
        String tenantId,
        @JsonProperty(required = true) int priority,
        @JsonProperty(required = true) boolean active,
        @JsonProperty(required = true) boolean autoApply,
        @JsonProperty(required = true) List<PolicyState> policies) {

    public PolicySetState {
        policies = Copies.list(policies);
    }
}
