package dev.snapshotmanager.policy.repository;

import dev.snapshotmanager.policy.domain.Assignment;
import dev.snapshotmanager.policy.domain.AssignmentSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, UUID> {

    public Optional<Assignment> findByVolume(String volumeId) {
        return find("volume.volumeId", volumeId).firstResultOptional();
    }

    public List<Assignment> findByVolumes(List<String> volumeIds) {
        return list("volume.volumeId in ?1", volumeIds);
    }

    public long countBySet(UUID policySetId) {
        return count("policySetId", policySetId);
    }

    public Optional<Assignment> firstBySet(UUID policySetId) {
        return find("policySetId = ?1 order by volume.volumeId", policySetId).firstResultOptional();
    }

    /** Detaches every assignment from a deleted set (such an assignment no longer decides, see Resolver). */
    public int detachSet(UUID policySetId) {
        return update("policySetId = null where policySetId = ?1", policySetId);
    }

    /** Filters (null = any) in volume-id order after {@code afterVolumeId}; {@code visibleTenants} null = all. */
    public List<Assignment> list(String projectId, String domainId, String serverId, UUID policySetId,
            AssignmentSource source, Boolean autoSnapshot, Set<String> visibleTenants, String afterVolumeId,
            int limit) {
        Where where = new Where()
                .and("volume.projectId = :project", "project", projectId)
                .and("volume.domainId = :domain", "domain", domainId)
                .and("volume.serverId = :server", "server", serverId)
                .and("policySetId = :set", "set", policySetId)
                .and("source = :source", "source", source)
                .and("autoSnapshot = :auto", "auto", autoSnapshot)
                .and("volume.projectId in :visible", "visible", visibleTenants)
                .and("volume.volumeId > :after", "after", afterVolumeId);
        return find(where.query("volume.volumeId"), where.params()).page(0, limit).list();
    }
}
