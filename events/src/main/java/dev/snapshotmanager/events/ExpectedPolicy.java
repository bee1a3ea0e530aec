package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * One policy that applies to a volume, as {@link VolumePoliciesV1} carries it.
 *
 * @param cron     UNIX cron of the policy (its cadence, for compliance)
 * @param timeZone IANA zone the cron is read in
 * @param since    when policy-service first published this policy for this volume (continuously since then)
 */
public record ExpectedPolicy(
        @JsonProperty(required = true) UUID policySetId,
        String policySetName,
        @JsonProperty(required = true) String policyName,
        @JsonProperty(required = true) String cron,
        @JsonProperty(required = true) String timeZone,
        @JsonProperty(required = true) Instant since) {
}
