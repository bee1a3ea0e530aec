package dev.snapshotmanager.policy.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.policy.api.PolicyRequest;
import dev.snapshotmanager.policy.api.PolicySetRequest;
import dev.snapshotmanager.policy.api.RuleRequest;
import dev.snapshotmanager.policy.domain.AssignmentRule;
import dev.snapshotmanager.policy.domain.PolicySet;
import dev.snapshotmanager.policy.domain.RuleMatch;
import dev.snapshotmanager.policy.domain.Templates;
import dev.snapshotmanager.policy.domain.Violations;
import dev.snapshotmanager.policy.repository.PolicySetRepository;
import dev.snapshotmanager.policy.repository.RuleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports the reference system's {@code snapshot_policy_rules.json}: a list of {name, priority, match{...},
 * policies, retention{policy: count}, auto_snapshot}. Each rule with policies becomes a set {@code legacy-<rule>}
 * (the named templates, with the rule's retention as keep-last) plus a rule using it; {@code auto_snapshot: false}
 * becomes an opt-out rule. The old priority (lower number first) is inverted to ours: {@code 1000 - old}.
 */
@ApplicationScoped
public class LegacyRuleImporter {

    /** Something the import made. */
    public record Created(UUID id, String name) {
    }

    /** What the import created and what it skipped, and why. */
    public record Report(List<Created> policySets, List<Created> rules, List<String> warnings) {
    }

    private static final Map<String, String> KEYS = Map.of("domain_name", "domainName", "tenant_name", "projectName",
            "volume_name_prefix", "volumeNamePrefix", "volume_name_contains", "volumeNameContains",
            "bootable", "bootable", "min_size_gb", "minSizeGb", "max_size_gb", "maxSizeGb",
            "metadata_equals", "metadataEquals", "metadata_contains", "metadataContains", "volume_type", "volumeType");

    @Inject
    PolicySetService setService;

    @Inject
    RuleService ruleService;

    @Inject
    PolicySetRepository sets;

    @Inject
    RuleRepository rules;

    @Inject
    ObjectMapper json;

    @Transactional
    public Report importRules(JsonNode file, String tenantId) {
        if (file == null || !file.isArray()) {
            throw ProblemException.unprocessable("The rules file must be a JSON list of rule objects",
                    new Violations().add("", "must be a JSON array").list());
        }
        List<Created> createdSets = new ArrayList<>();
        List<Created> createdRules = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < file.size(); i++) {
            JsonNode legacy = file.get(i);
            String name = slug(legacy.path("name").asText("rule-" + i), i);
            String at = "rule " + i + " (" + name + "): ";
            if (rules.findByName(tenantId, name).isPresent()) {
                warnings.add(at + "a rule of this name exists; skipped");
                continue;
            }
            int oldPriority = legacy.path("priority").asInt(1000);
            int priority = 1000 - Math.max(0, Math.min(1000, oldPriority));
            RuleMatch match = match(legacy.path("match"), at, warnings);
            boolean optOut = legacy.has("auto_snapshot") && !legacy.path("auto_snapshot").asBoolean(true);
            UUID setId = null;
            if (!optOut) {
                List<PolicyRequest> policies = policies(legacy, at, warnings);
                if (policies.isEmpty()) {
                    warnings.add(at + "no known policy to apply; skipped");
                    continue;
                }
                String setName = slug("legacy-" + name, i);
                PolicyScope scope = tenantId == null ? PolicyScope.GLOBAL : PolicyScope.TENANT;
                if (sets.findByName(scope, tenantId, setName).isPresent()) {
                    warnings.add(at + "a policy set named " + setName + " exists; skipped");
                    continue;
                }
                PolicySet set = setService.create(new PolicySetRequest(setName, "Imported from legacy rule "
                        + legacy.path("name").asText(name), scope, tenantId, priority, true, false, policies));
                createdSets.add(new Created(set.id, set.name));
                setId = set.id;
            }
            AssignmentRule rule = ruleService.create(new RuleRequest(name, "Imported (legacy priority " + oldPriority
                    + ")", tenantId, priority, true, match, setId, !optOut));
            createdRules.add(new Created(rule.id, rule.name));
        }
        return new Report(createdSets, createdRules, warnings);
    }

    private RuleMatch match(JsonNode legacy, String at, List<String> warnings) {
        var translated = json.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = legacy.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = KEYS.get(field.getKey());
            if (key == null) {
                warnings.add(at + "unknown match key " + field.getKey() + " ignored");
            } else {
                translated.set(key, field.getValue());
            }
        }
        try {
            return json.treeToValue(translated, RuleMatch.class);
        } catch (Exception e) {
            throw ProblemException.unprocessable(at + "the match cannot be read",
                    new Violations().add("match", e.getMessage()).list());
        }
    }

    private static List<PolicyRequest> policies(JsonNode legacy, String at, List<String> warnings) {
        List<PolicyRequest> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode p : legacy.path("policies")) {
            String policy = p.asText();
            var template = Templates.named(policy);
            if (template.isEmpty()) {
                warnings.add(at + "policy " + policy + " is not a known template; ignored");
                continue;
            }
            if (!seen.add(policy)) {
                continue;
            }
            JsonNode retention = legacy.path("retention").path(policy);
            Integer keepLast = template.get().keepLast();
            if (retention.canConvertToInt() && retention.asInt() >= 1 && retention.asInt() <= 1000) {
                keepLast = retention.asInt();
            } else if (!retention.isMissingNode()) {
                warnings.add(at + "retention " + retention + " for " + policy + " is not a count 1..1000; ignored");
            }
            var t = template.get();
            out.add(new PolicyRequest(t.name(), t.description(), t.cron(), t.timeZone(), keepLast, t.maxAge(),
                    t.missedRunMode(), true));
        }
        return out;
    }

    static String slug(String name, int index) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 64) {
            s = s.substring(0, 64);
        }
        return s.isEmpty() ? "rule-" + index : s;
    }
}
