package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.config.AuditConfig;
import dev.snapshotmanager.audit.domain.ComplianceEntry;
import dev.snapshotmanager.audit.domain.ComplianceStatus;
import dev.snapshotmanager.audit.repository.ComplianceReader;
import dev.snapshotmanager.audit.repository.ComplianceReader.VolumeRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Compliance of every volume in the caller's tenants, evaluated from the projections at request time. */
@ApplicationScoped
public class ComplianceService {

    @Inject
    ComplianceReader reader;

    @Inject
    TenantScope scope;

    @Inject
    AuditConfig config;

    Clock clock = Clock.systemUTC();

    /**
     * What to evaluate; empty lists and nulls mean no condition.
     */
    public record Query(List<String> projectIds, String policyName, UUID policySetId, Set<ComplianceStatus> statuses) {
    }

    /** The matching entries, ordered by volume id, policy set and policy. */
    public List<ComplianceEntry> evaluate(Query query) {
        scope.requireVisible(query.projectIds());
        Optional<Set<String>> projects = projects(query.projectIds(), scope.visibleTenants());
        List<VolumeRow> volumes = reader.volumes(projects);
        Map<String, List<ComplianceReader.StateRow>> states = reader.states(projects);
        ComplianceEvaluator evaluator = new ComplianceEvaluator(reader.policies(), Instant.now(clock),
                config.compliance().grace());
        List<ComplianceEntry> entries = new ArrayList<>();
        for (VolumeRow volume : volumes) {
            for (ComplianceEntry entry : evaluator.evaluate(volume, states.getOrDefault(volume.volumeId(), List.of()))) {
                if (matches(entry, query)) {
                    entries.add(entry);
                }
            }
        }
        // one order for the list and its cursor (ComplianceKey), whatever order the database returned volumes in
        entries.sort(Comparator.comparing(ComplianceEntry::key));
        return entries;
    }

    private static boolean matches(ComplianceEntry e, Query q) {
        return (q.statuses().isEmpty() || q.statuses().contains(e.status()))
                && (q.policyName() == null || q.policyName().equals(e.policyName()))
                && (q.policySetId() == null || q.policySetId().equals(e.policySetId()));
    }

    private static Optional<Set<String>> projects(List<String> requested, Optional<Set<String>> visible) {
        if (requested.isEmpty()) {
            return visible;
        }
        Set<String> projects = new HashSet<>(requested);
        visible.ifPresent(projects::retainAll);
        return Optional.of(projects);
    }
}
