package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.policy.domain.RuleMatch;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Create or change (PATCH: absent fields stay) an assignment rule.
 *
 * @param tenantId     the project the rule is limited to; absent = a GLOBAL rule
 * @param priority     0..1000, higher is tried first; default 100
 * @param match        the keys that must all match (absent = every volume)
 * @param policySetId  the set that applies on a match; required unless autoSnapshot is false
 * @param autoSnapshot false makes the rule an opt-out; default true
 */
@Schema(name = "RuleRequest")
public record RuleRequest(String name, String description, String tenantId, Integer priority, Boolean enabled,
        RuleMatch match, UUID policySetId, Boolean autoSnapshot) {
}
