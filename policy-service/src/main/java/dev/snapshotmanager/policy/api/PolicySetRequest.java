package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.events.PolicyScope;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Create (POST) or change (PATCH: absent fields stay as they are; {@code policies}, when given, replaces the list)
 * a policy set.
 *
 * @param tenantId  the project id; required iff scope is TENANT
 * @param priority  0..1000, higher wins; default 100
 * @param active    default true
 * @param autoApply default false
 */
@Schema(name = "PolicySetRequest")
public record PolicySetRequest(
        @Schema(pattern = "[a-z0-9_-]{1,64}") String name,
        String description,
        PolicyScope scope,
        String tenantId,
        @Schema(minimum = "0", maximum = "1000") Integer priority,
        Boolean active,
        Boolean autoApply,
        List<PolicyRequest> policies) {
}
