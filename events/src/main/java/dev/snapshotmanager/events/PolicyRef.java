package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * The policy an event is about: a policy is identified by its set and its name within the set.
 *
 * @param policySetId   the policy set's id
 * @param policySetName the set's name at the time of writing (informational)
 * @param policyName    the policy's name within the set, e.g. {@code daily_5}
 */
public record PolicyRef(
        @JsonProperty(required = true) UUID policySetId,
        String policySetName,
        @JsonProperty(required = true) String policyName) {
}
