package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.policy.api.PolicyRequest;
import dev.snapshotmanager.policy.api.PolicySetRequest;
import dev.snapshotmanager.policy.domain.PolicySet;
import dev.snapshotmanager.policy.domain.Schedules;
import dev.snapshotmanager.policy.domain.Violations;
import dev.snapshotmanager.policy.domain.resolution.CinderMetadata;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Field-by-field validation of policy-set requests; all violations come back in one 422. */
final class PolicySetValidator {

    private PolicySetValidator() {
    }

    static void validateCreate(PolicySetRequest r) {
        Violations v = new Violations();
        v.name("name", r.name());
        v.text("description", r.description());
        if (r.scope() == null) {
            v.add("scope", "must not be null (GLOBAL or TENANT)");
        } else if (r.scope() == PolicyScope.TENANT && (r.tenantId() == null || r.tenantId().isBlank())) {
            v.add("tenantId", "is required when scope is TENANT");
        } else if (r.scope() == PolicyScope.GLOBAL && r.tenantId() != null) {
            v.add("tenantId", "must be absent when scope is GLOBAL");
        }
        v.range("priority", r.priority(), 0, 1000);
        policies(v, r.policies());
        v.throwIfAny("The policy set is not valid");
    }

    static void validatePatch(PolicySet existing, PolicySetRequest r) {
        Violations v = new Violations();
        if (r.name() != null) {
            v.name("name", r.name());
        }
        v.text("description", r.description());
        if (r.scope() != null && r.scope() != existing.scope) {
            v.add("scope", "cannot change; create a new set instead");
        }
        if (r.tenantId() != null && !Objects.equals(r.tenantId(), existing.tenantId)) {
            v.add("tenantId", "cannot change; create a new set instead");
        }
        v.range("priority", r.priority(), 0, 1000);
        policies(v, r.policies());
        v.throwIfAny("The policy set change is not valid");
    }

    static void policies(Violations v, List<PolicyRequest> policies) {
        if (policies == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < policies.size(); i++) {
            String at = "policies[" + i + "].";
            PolicyRequest p = policies.get(i);
            if (p == null) {
                v.add("policies[" + i + "]", "must not be null");
                continue;
            }
            v.name(at + "name", p.name());
            if (p.name() != null && !names.add(p.name())) {
                v.add(at + "name", "is used twice in this set");
            }
            v.text(at + "description", p.description());
            v.add(at + "cron", Schedules.cronError(p.cron()));
            if (p.timeZone() != null) {
                v.add(at + "timeZone", Schedules.zoneError(p.timeZone()));
            }
            v.range(at + "keepLast", p.keepLast(), 1, 1000);
            if (p.maxAge() != null && !CinderMetadata.isDuration(p.maxAge())) {
                v.add(at + "maxAge", "must be a positive ISO-8601 duration such as P30D or PT12H, at most "
                        + CinderMetadata.MAX_AGE_YEARS + " years");
            }
            if (p.keepLast() == null && p.maxAge() == null) {
                v.add(at + "keepLast", "keepLast and/or maxAge is required");
            }
        }
    }
}
