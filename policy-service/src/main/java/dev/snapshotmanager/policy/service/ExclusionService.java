package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.policy.api.ExclusionRequest;
import dev.snapshotmanager.policy.domain.Exclusion;
import dev.snapshotmanager.policy.domain.Violations;
import dev.snapshotmanager.policy.repository.ExclusionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Exclusions, one per volume: while active (not expired), the volume gets no policy at all. */
@ApplicationScoped
public class ExclusionService {

    @Inject
    Event<ResolutionInputsChanged> changes;

    @Inject
    ExclusionRepository exclusions;

    @Inject
    Access access;

    @Inject
    VolumeProjects volumeProjects;

    public Exclusion get(String volumeId) {
        return exclusions.findByVolume(volumeId).filter(e -> access.canSee(e.volume.projectId))
                .orElseThrow(() -> ProblemException.notFound("Exclusion of volume", volumeId));
    }

    public List<Exclusion> list(String projectId, boolean includeExpired, String after, int limit) {
        return exclusions.list(projectId, includeExpired, Instant.now(), access.visibleTenants(), after, limit);
    }

    @Transactional
    public Exclusion create(ExclusionRequest r) {
        changes.fire(new ResolutionInputsChanged("exclusion"));
        Violations v = new Violations();
        if (r.volumeId() == null || r.volumeId().isBlank()) {
            v.add("volumeId", "must not be blank");
        }
        if (r.projectId() == null || r.projectId().isBlank()) {
            v.add("projectId", "must not be blank");
        }
        reason(v, r.reason(), true);
        if (r.expiresAt() != null && !r.expiresAt().isAfter(Instant.now())) {
            v.add("expiresAt", "must be in the future");
        }
        expiresAt(v, r.expiresAt());
        v.throwIfAny("The exclusion is not valid");
        access.requireTenant(r.projectId());
        Map<String, String> known = volumeProjects.of(List.of(r.volumeId()));
        volumeProjects.check(v, "projectId", r.volumeId(), r.projectId(), known);
        v.throwIfAny("The exclusion is not valid");
        Optional<Exclusion> existing = exclusions.findByVolume(r.volumeId());
        if (existing.isPresent()) {
            if (!VolumeProjects.isStale(existing.get().volume.projectId, r.volumeId(), known)) {
                throw ProblemException.conflict("Volume " + r.volumeId() + " is already excluded", existing.get().id);
            }
            exclusions.delete(existing.get()); // made in the volume's former project, where it no longer applies
            exclusions.flush();
        }
        Exclusion e = new Exclusion();
        e.id = UUID.randomUUID();
        e.volume.volumeId = r.volumeId();
        e.volume.projectId = r.projectId();
        e.createdAt = PolicySetService.now();
        e.createdBy = access.actor();
        apply(e, r);
        exclusions.persist(e);
        return e;
    }

    @Transactional
    public Exclusion update(String volumeId, Long expectedVersion, ExclusionRequest r) {
        changes.fire(new ResolutionInputsChanged("exclusion"));
        Exclusion e = get(volumeId);
        access.requireTenant(e.volume.projectId);
        Versions.requireVersion(e.version, expectedVersion);
        Violations v = new Violations();
        if (r.volumeId() != null && !r.volumeId().equals(volumeId)) {
            v.add("volumeId", "cannot change");
        }
        if (r.projectId() != null && !r.projectId().equals(e.volume.projectId)) {
            v.add("projectId", "cannot change");
        }
        reason(v, r.reason(), false);
        expiresAt(v, r.expiresAt());
        v.throwIfAny("The exclusion change is not valid");
        apply(e, r);
        Versions.flushOrPreconditionFailed(exclusions, "Exclusion of " + volumeId);
        return e;
    }

    @Transactional
    public void delete(String volumeId, Long expectedVersion) {
        changes.fire(new ResolutionInputsChanged("exclusion"));
        Exclusion e = get(volumeId);
        access.requireTenant(e.volume.projectId);
        Versions.requireVersion(e.version, expectedVersion);
        exclusions.delete(e);
    }

    /**
     * An expiry PostgreSQL can store and a person can mean: from 1970 to the end of year 9999 (a later one, or one
     * before the common era, was a 500 from the database; "never" is an absent expiresAt).
     */
    private static void expiresAt(Violations v, Instant expiresAt) {
        if (expiresAt != null && (expiresAt.isBefore(EARLIEST_EXPIRY) || !expiresAt.isBefore(LATEST_EXPIRY))) {
            v.add("expiresAt", "must be between " + EARLIEST_EXPIRY + " and the end of year 9999 (absent: never)");
        }
    }

    private static final Instant EARLIEST_EXPIRY = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST_EXPIRY = Instant.parse("+10000-01-01T00:00:00Z");

    private static void reason(Violations v, String reason, boolean required) {
        if (reason == null) {
            if (required) {
                v.add("reason", "must not be blank");
            }
        } else if (reason.isBlank()) {
            v.add("reason", "must not be blank");
        } else if (reason.length() > 1000) {
            v.add("reason", "must be at most 1000 characters");
        }
    }

    private void apply(Exclusion e, ExclusionRequest r) {
        var v = e.volume;
        if (r.volumeName() != null) {
            v.volumeName = r.volumeName();
        }
        if (r.domainId() != null) {
            v.domainId = r.domainId();
        }
        if (r.domainName() != null) {
            v.domainName = r.domainName();
        }
        if (r.projectName() != null) {
            v.projectName = r.projectName();
        }
        if (r.serverId() != null) {
            v.serverId = r.serverId();
        }
        if (r.serverName() != null) {
            v.serverName = r.serverName();
        }
        if (r.reason() != null) {
            e.reason = r.reason();
        }
        if (r.expiresAt() != null) {
            e.expiresAt = r.expiresAt();
        }
        e.updatedAt = PolicySetService.now();
        e.updatedBy = access.actor();
    }
}
