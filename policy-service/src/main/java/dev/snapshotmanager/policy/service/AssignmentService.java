package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.policy.api.AssignmentRequest;
import dev.snapshotmanager.policy.domain.Assignment;
import dev.snapshotmanager.policy.domain.AssignmentSource;
import dev.snapshotmanager.policy.domain.PolicySet;
import dev.snapshotmanager.policy.domain.Violations;
import dev.snapshotmanager.policy.domain.resolution.CinderMetadata;
import dev.snapshotmanager.policy.repository.AssignmentRepository;
import dev.snapshotmanager.policy.repository.PolicySetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Explicit assignments, one per volume: create, change, delete and all-or-nothing bulk upsert. */
@ApplicationScoped
public class AssignmentService {

    @Inject
    Event<ResolutionInputsChanged> changes;

    /** Outcome of a bulk upsert. */
    public record BulkResult(int created, int updated, List<Assignment> assignments) {
    }

    @Inject
    AssignmentRepository assignments;

    @Inject
    PolicySetRepository sets;

    @Inject
    Access access;

    @Inject
    VolumeProjects volumeProjects;

    public Assignment get(String volumeId) {
        return assignments.findByVolume(volumeId).filter(a -> access.canSee(a.volume.projectId))
                .orElseThrow(() -> ProblemException.notFound("Assignment of volume", volumeId));
    }

    @Transactional
    public Assignment create(AssignmentRequest r) {
        changes.fire(new ResolutionInputsChanged("assignment"));
        Violations v = new Violations();
        validate(v, "", r, null);
        v.throwIfAny("The assignment is not valid");
        access.requireTenant(r.projectId());
        Map<String, String> known = volumeProjects.of(List.of(r.volumeId()));
        volumeProjects.check(v, "projectId", r.volumeId(), r.projectId(), known);
        v.throwIfAny("The assignment is not valid");
        Optional<Assignment> existing = assignments.findByVolume(r.volumeId());
        if (existing.isPresent()) {
            if (!VolumeProjects.isStale(existing.get().volume.projectId, r.volumeId(), known)) {
                throw ProblemException.conflict("Volume " + r.volumeId() + " already has an assignment",
                        existing.get().id);
            }
            assignments.delete(existing.get()); // made in the volume's former project, where it no longer applies
            assignments.flush();
        }
        Assignment a = newAssignment(r.volumeId());
        apply(a, r, r.source() == null ? AssignmentSource.API : r.source());
        assignments.persist(a);
        return a;
    }

    @Transactional
    public Assignment update(String volumeId, Long expectedVersion, AssignmentRequest r) {
        changes.fire(new ResolutionInputsChanged("assignment"));
        Assignment a = get(volumeId);
        access.requireTenant(a.volume.projectId);
        Versions.requireVersion(a.version, expectedVersion);
        if (r.volumeId() != null && !r.volumeId().equals(volumeId)) {
            throw ProblemException.unprocessable("The volume of an assignment cannot change",
                    new Violations().add("volumeId", "cannot change").list());
        }
        AssignmentRequest merged = merge(a, r);
        Violations v = new Violations();
        validate(v, "", merged, a);
        v.throwIfAny("The assignment change is not valid");
        access.requireTenant(merged.projectId());
        volumeProjects.check(v, "projectId", volumeId, merged.projectId(), volumeProjects.of(List.of(volumeId)));
        v.throwIfAny("The assignment change is not valid");
        apply(a, merged, r.source() == null ? a.source : r.source());
        Versions.flushOrPreconditionFailed(assignments, "Assignment of " + volumeId);
        return a;
    }

    @Transactional
    public void delete(String volumeId, Long expectedVersion) {
        changes.fire(new ResolutionInputsChanged("assignment"));
        Assignment a = get(volumeId);
        access.requireTenant(a.volume.projectId);
        Versions.requireVersion(a.version, expectedVersion);
        assignments.delete(a);
    }

    /** Validates every item first; any violation fails the whole request (422 listing items[i].field). */
    @Transactional
    public BulkResult bulkUpsert(List<AssignmentRequest> items, int max) {
        changes.fire(new ResolutionInputsChanged("assignment"));
        Violations v = new Violations();
        if (items == null || items.isEmpty()) {
            v.add("items", "must contain at least one assignment");
        } else if (items.size() > max) {
            v.add("items", "at most " + max + " assignments per request");
        }
        v.throwIfAny("The bulk request is not valid");
        List<String> volumeIds = items.stream().filter(Objects::nonNull).map(AssignmentRequest::volumeId)
                .filter(Objects::nonNull).toList();
        Map<String, String> known = volumeProjects.of(volumeIds);
        Map<String, Assignment> existing = assignments.findByVolumes(volumeIds).stream()
                .collect(Collectors.toMap(a -> a.volume.volumeId, Function.identity()));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            AssignmentRequest r = items.get(i);
            String at = "items[" + i + "].";
            if (r == null) {
                v.add("items[" + i + "]", "must not be null");
                continue;
            }
            validate(v, at, r, existing.get(r.volumeId()));
            if (r.volumeId() != null && !seen.add(r.volumeId())) {
                v.add(at + "volumeId", "appears twice in this request");
            }
            if (r.projectId() != null && !access.canSee(r.projectId())) {
                v.add(at + "projectId", "tenant " + r.projectId() + " is not among your tenants");
            } else {
                volumeProjects.check(v, at + "projectId", r.volumeId(), r.projectId(), known);
            }
            Assignment old = existing.get(r.volumeId());
            if (old != null && !access.canSee(old.volume.projectId)
                    && !VolumeProjects.isStale(old.volume.projectId, r.volumeId(), known)) {
                v.add(at + "volumeId", "is assigned in a tenant outside yours");
            }
        }
        v.throwIfAny("Some assignments are not valid; nothing was changed");
        int created = 0;
        List<Assignment> out = new ArrayList<>();
        for (AssignmentRequest r : items) {
            Assignment a = existing.get(r.volumeId());
            if (a == null) {
                a = newAssignment(r.volumeId());
                apply(a, r, AssignmentSource.BULK);
                assignments.persist(a);
                created++;
            } else {
                apply(a, r, AssignmentSource.BULK);
            }
            out.add(a);
        }
        assignments.flush();
        return new BulkResult(created, items.size() - created, out);
    }

    private Assignment newAssignment(String volumeId) {
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.volume.volumeId = volumeId;
        a.createdAt = PolicySetService.now();
        a.createdBy = access.actor();
        return a;
    }

    private void apply(Assignment a, AssignmentRequest r, AssignmentSource source) {
        var v = a.volume;
        v.volumeName = r.volumeName();
        v.domainId = r.domainId();
        v.domainName = r.domainName();
        v.projectId = r.projectId();
        v.projectName = r.projectName();
        v.serverId = r.serverId();
        v.serverName = r.serverName();
        a.autoSnapshot = r.autoSnapshot() == null || r.autoSnapshot();
        a.policySetId = a.autoSnapshot ? r.policySetId() : null;
        a.policyNames = r.policyNames() == null ? new ArrayList<>() : new ArrayList<>(r.policyNames());
        a.retentionOverrides = r.retentionOverrides() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(r.retentionOverrides());
        a.source = source;
        a.updatedAt = PolicySetService.now();
        a.updatedBy = access.actor();
    }

    private static AssignmentRequest merge(Assignment a, AssignmentRequest r) {
        var v = a.volume;
        return new AssignmentRequest(v.volumeId, or(r.volumeName(), v.volumeName), or(r.domainId(), v.domainId),
                or(r.domainName(), v.domainName), or(r.projectId(), v.projectId), or(r.projectName(), v.projectName),
                or(r.serverId(), v.serverId), or(r.serverName(), v.serverName), or(r.policySetId(), a.policySetId),
                or(r.policyNames(), a.policyNames), or(r.retentionOverrides(), a.retentionOverrides),
                or(r.autoSnapshot(), a.autoSnapshot), or(r.source(), a.source));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private void validate(Violations v, String at, AssignmentRequest r, Assignment existing) {
        if (r.volumeId() == null || r.volumeId().isBlank()) {
            v.add(at + "volumeId", "must not be blank");
        }
        if (r.projectId() == null || r.projectId().isBlank()) {
            v.add(at + "projectId", "must not be blank");
        }
        boolean auto = r.autoSnapshot() == null || r.autoSnapshot();
        if (!auto) {
            return;
        }
        if (r.policySetId() == null) {
            v.add(at + "policySetId", "is required unless autoSnapshot is false");
            return;
        }
        PolicySet set = sets.findByIdOptional(r.policySetId()).filter(access::canSee).orElse(null);
        if (set == null) {
            v.add(at + "policySetId", "no such policy set");
            return;
        }
        if (set.scope == PolicyScope.TENANT && !set.tenantId.equals(r.projectId())) {
            v.add(at + "policySetId", "belongs to tenant " + set.tenantId + ", not to the volume's tenant");
        }
        List<String> names = r.policyNames() == null ? List.of() : r.policyNames();
        for (int i = 0; i < names.size(); i++) {
            if (set.policy(names.get(i)).isEmpty()) {
                v.add(at + "policyNames[" + i + "]", "is not a policy of set " + set.name);
            }
        }
        Map<String, Retention> overrides = r.retentionOverrides() == null ? Map.of() : r.retentionOverrides();
        overrides.forEach((policy, retention) -> {
            String field = at + "retentionOverrides." + policy;
            if (set.policy(policy).isEmpty()) {
                v.add(field, "is not a policy of set " + set.name);
            } else if (retention == null || (retention.keepLast() == null && retention.maxAge() == null)) {
                v.add(field, "keepLast and/or maxAge is required");
            } else {
                v.range(field + ".keepLast", retention.keepLast(), 1, 1000);
                if (retention.maxAge() != null && !CinderMetadata.isDuration(retention.maxAge())) {
                    v.add(field + ".maxAge", "must be a positive ISO-8601 duration such as P30D, at most "
                            + CinderMetadata.MAX_AGE_YEARS + " years");
                }
            }
        });
    }

    static Instant now() {
        return PolicySetService.now();
    }
}
