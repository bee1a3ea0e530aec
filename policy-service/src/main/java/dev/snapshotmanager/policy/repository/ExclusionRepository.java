package dev.snapshotmanager.policy.repository;

import dev.snapshotmanager.policy.domain.Exclusion;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ExclusionRepository implements PanacheRepositoryBase<Exclusion, UUID> {

    public Optional<Exclusion> findByVolume(String volumeId) {
        return find("volume.volumeId", volumeId).firstResultOptional();
    }

    /** In volume-id order after {@code afterVolumeId}; expired ones only when asked; visibleTenants null = all. */
    public List<Exclusion> list(String projectId, boolean includeExpired, Instant now, Set<String> visibleTenants,
            String afterVolumeId, int limit) {
        Where where = new Where()
                .and("volume.projectId = :project", "project", projectId)
                .and("(expiresAt is null or expiresAt > :now)", "now", includeExpired ? null : now)
                .and("volume.projectId in :visible", "visible", visibleTenants)
                .and("volume.volumeId > :after", "after", afterVolumeId);
        return find(where.query("volume.volumeId"), where.params()).page(0, limit).list();
    }
}
