package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.policy.domain.Violations;
import dev.snapshotmanager.policy.repository.VolumeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which project a volume is in, as the inventory says. An assignment or an exclusion names the volume's project, and
 * the caller's tenants are checked against that project; so the named project must be the volume's own, or a tenant
 * could exclude (or opt out, or assign its sets to) another tenant's volume by naming its own project. A volume the
 * inventory does not know yet is taken as named; the resolver ignores an assignment or exclusion whose project is not
 * the volume's, whenever it learns the volume.
 */
@ApplicationScoped
public class VolumeProjects {

    @Inject
    VolumeRepository volumes;

    @Inject
    Access access;

    /** The inventory's project of each volume among {@code volumeIds} that it knows. */
    public Map<String, String> of(Collection<String> volumeIds) {
        List<String> ids = volumeIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return volumes.find("volumeId in ?1", ids).list().stream()
                .collect(Collectors.toMap(v -> v.volumeId, v -> v.projectId));
    }

    /**
     * Adds a violation on {@code field} when {@code known} has the volume in another project than {@code projectId}.
     */
    public void check(Violations v, String field, String volumeId, String projectId, Map<String, String> known) {
        String owner = volumeId == null ? null : known.get(volumeId);
        if (owner != null && projectId != null && !owner.equals(projectId)) {
            v.add(field, access.canSee(owner) ? "volume " + volumeId + " is in project " + owner + ", not " + projectId
                    : "is not the project of volume " + volumeId);
        }
    }

    /**
     * Whether an assignment or exclusion made for the volume in {@code recordedProjectId} no longer applies because
     * the inventory has the volume in another project now (a Cinder volume transfer): the volume's new tenant may
     * replace it.
     */
    public static boolean isStale(String recordedProjectId, String volumeId, Map<String, String> known) {
        String owner = known.get(volumeId);
        return owner != null && !owner.equals(recordedProjectId);
    }
}
