package dev.snapshotmanager.policy.repository;

import dev.snapshotmanager.policy.domain.InventoryVolume;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.hibernate.jpa.HibernateHints;

@ApplicationScoped
public class VolumeRepository implements PanacheRepositoryBase<InventoryVolume, String> {

    /** Filters (null = any) in volume-id order after {@code afterVolumeId}; visibleTenants null = all. */
    public List<InventoryVolume> list(String projectId, String domainId, String serverId, String status,
            String nameContains, Set<String> visibleTenants, String afterVolumeId, int limit) {
        Where where = new Where()
                .and("projectId = :project", "project", projectId)
                .and("domainId = :domain", "domain", domainId)
                .and("serverId = :server", "server", serverId)
                .and("status = :status", "status", status)
                .and("lower(name) like :q", "q", nameContains == null ? null
                        : "%" + nameContains.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%")
                .and("projectId in :visible", "visible", visibleTenants)
                .and("volumeId > :after", "after", afterVolumeId);
        return find(where.query("volumeId"), where.params()).page(0, limit).list();
    }

    /** Every volume in volume-id order after {@code afterVolumeId} (null = from the first), read-only. */
    public List<InventoryVolume> page(String afterVolumeId, int limit) {
        return (afterVolumeId == null ? findAll(Sort.by("volumeId"))
                : find("volumeId > ?1", Sort.by("volumeId"), afterVolumeId))
                .withHint(HibernateHints.HINT_READ_ONLY, true).page(0, limit).list();
    }
}
