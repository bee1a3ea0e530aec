package dev.snapshotmanager.worker.client;

import dev.snapshotmanager.worker.config.OpenStackConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Set;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openstack4j.api.Builders;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.common.QuotaDetails;
import org.openstack4j.model.storage.block.BlockQuotaSetUsage;
import org.openstack4j.model.storage.block.VolumeSnapshot;

/**
 * The worker's view of OpenStack (OPENSTACK.md, "What this means for the worker"): admin-scoped listing and quotas,
 * and snapshot operations in the volume's own project. Lists are paged with {@code limit} + {@code marker} until a
 * short page; snapshots are listed with the {@code volume_id} filter only; a snapshot is never given a description.
 */
@ApplicationScoped
public class OpenStackClient {

    /** Restarts of one listing from an earlier marker (its marker vanished) before the listing fails. */
    static final int MAX_MARKER_RESTARTS = 10;

    private final OpenStackCalls calls;
    private final int pageSize;

    public OpenStackClient(OpenStackCalls calls, OpenStackConfig config) {
        this.calls = calls;
        this.pageSize = Math.min(1000, Math.max(1, config.pageSize()));
    }

    /** Every volume of every project plus the project, domain and server names, each read once. */
    public CloudInventory inventory() {
        Instant listedAt = Instant.now();
        List<CloudVolume> volumes = pages("volumes.list", null, Map.of("all_tenants", "1"),
                (os, params) -> Openstack4jMapping.volumes(os.blockStorage().volumes().list(params)), CloudVolume::id);
        Map<String, CloudInventory.Project> projects = new HashMap<>();
        calls.retrying("projects.list", null, os -> os.identity().projects().list())
                .forEach(p -> projects.put(p.getId(), new CloudInventory.Project(p.getId(), p.getName(),
                        p.getDomainId(), p.isEnabled())));
        Map<String, String> domains = new HashMap<>();
        Set<String> disabledDomains = new HashSet<>();
        calls.retrying("domains.list", null, os -> os.identity().domains().list())
                .forEach(d -> {
                    domains.put(d.getId(), d.getName());
                    if (!d.isEnabled()) {
                        disabledDomains.add(d.getId());
                    }
                });
        Map<String, String> servers = new HashMap<>();
        boolean anyAttached = volumes.stream().anyMatch(v -> !v.serverIds().isEmpty());
        if (anyAttached) {
            pages("servers.list", null, Map.of("all_tenants", "1"),
                    (os, params) -> os.compute().servers().list(params), s -> s.getId())
                    .forEach(s -> servers.put(s.getId(), s.getName()));
        }
        return new CloudInventory(volumes, projects, domains, disabledDomains, servers, listedAt);
    }

    /** A project's snapshot and gigabytes quota with usage, read with the admin scope. */
    public QuotaUsage quotaUsage(String projectId) {
        BlockQuotaSetUsage usage = calls.retrying("quotas.get", null,
                os -> os.blockStorage().quotaSets().usageForTenant(projectId));
        if (usage == null) {
            throw new CinderException("quotas.get", 404, "no quota set for project " + projectId, null);
        }
        return new QuotaUsage(projectId, limit(usage.getSnapshots()), limit(usage.getGigabytes()));
    }

    /**
     * Creates a snapshot of a volume in the volume's own project, {@code force=true}, without description.
     *
     * @return the new snapshot ({@code creating}), or empty when the volume is gone (openstack4j answers 404 with null)
     * @throws CinderException 413 quota, 400 volume state, transient failures (not retried here: the caller
     *                         checks for an existing snapshot before trying again)
     */
    public Optional<CloudSnapshot> createSnapshot(String projectId, String volumeId, String name,
                                                  Map<String, String> metadata) {
        VolumeSnapshot created = calls.once("snapshots.create", projectId, os -> os.blockStorage().snapshots()
                .create(Builders.volumeSnapshot().volume(volumeId).name(name).force(true).metadata(metadata).build()));
        return Optional.ofNullable(created).map(Openstack4jMapping::snapshot);
    }

    /** One snapshot of a project, or empty when it is gone. */
    public Optional<CloudSnapshot> snapshot(String projectId, String snapshotId) {
        return Optional.ofNullable(calls.retrying("snapshots.get", projectId,
                os -> os.blockStorage().snapshots().get(snapshotId))).map(Openstack4jMapping::snapshot);
    }

    /** Every snapshot of one volume in its project (the {@code volume_id} filter, paged). */
    public List<CloudSnapshot> snapshotsOfVolume(String projectId, String volumeId) {
        return pages("snapshots.list", projectId, Map.of("volume_id", volumeId),
                (os, params) -> os.blockStorage().snapshots().list(params), VolumeSnapshot::getId)
                .stream().map(Openstack4jMapping::snapshot).toList();
    }

    /** Deletes a snapshot; the {@code ActionResponse} is checked, transient refusals are retried. */
    public DeleteOutcome deleteSnapshot(String projectId, String snapshotId) {
        ActionResponse response = calls.retrying("snapshots.delete", projectId, os -> {
            ActionResponse r = os.blockStorage().snapshots().delete(snapshotId);
            if (!r.isSuccess()) {
                CinderException failure = new CinderException("snapshots.delete", r.getCode(), r.getFault(), null);
                calls.recordFailure("snapshots.delete", r.getCode());
                if (failure.isTransient()) {
                    throw failure;
                }
            }
            return r;
        });
        return new DeleteOutcome(response.isSuccess(), response.getCode(), response.getFault());
    }

    /**
     * Pages through a list with {@code limit} + {@code marker} until a short page (or one without new items). When the
     * marker itself vanished between two pages (404, which openstack4j turns into an empty list), paging resumes from
     * the marker before it; items are de-duplicated by id. After {@value #MAX_MARKER_RESTARTS} such restarts the
     * listing fails ({@link CinderException}, 404) instead of returning what it has: a partial list would miss volumes
     * at planning and write tombstones for live volumes into the inventory.
     */
    private <T> List<T> pages(String operation, String projectId, Map<String, String> filters,
                              java.util.function.BiFunction<org.openstack4j.api.OSClient.OSClientV3,
                                      Map<String, String>, List<? extends T>> list,
                              Function<T, String> id) {
        Map<String, T> items = new LinkedHashMap<>();
        List<String> markers = new ArrayList<>();
        int restarts = 0;
        while (true) {
            Map<String, String> params = new HashMap<>(filters);
            params.put("limit", String.valueOf(pageSize));
            if (!markers.isEmpty()) {
                params.put("marker", markers.get(markers.size() - 1));
            }
            List<? extends T> page = calls.retrying(operation, projectId, os -> list.apply(os, params));
            if (page == null || page.isEmpty()) {
                if (!markers.isEmpty() && !stillListed(operation, projectId, filters, list, id,
                        markers.get(markers.size() - 1), markers)) {
                    if (restarts >= MAX_MARKER_RESTARTS) {
                        throw new CinderException(operation, 404, "the paging marker vanished between pages "
                                + (restarts + 1) + " times (items deleted while listing); the listing is abandoned "
                                + "rather than used incomplete", null);
                    }
                    markers.remove(markers.size() - 1);
                    restarts++;
                    continue;
                }
                return new ArrayList<>(items.values());
            }
            int before = items.size();
            page.forEach(item -> items.put(id.apply(item), item));
            if (page.size() != pageSize || items.size() == before) {
                // A short page ends the list; so does a page that ignored the limit or brought nothing new
                // (a service that does not honour the marker would otherwise be asked forever).
                return new ArrayList<>(items.values());
            }
            markers.add(id.apply(page.get(page.size() - 1)));
        }
    }

    /** Whether the page before the last marker still ends with it (the marker was not deleted meanwhile). */
    private <T> boolean stillListed(String operation, String projectId, Map<String, String> filters,
                                    java.util.function.BiFunction<org.openstack4j.api.OSClient.OSClientV3,
                                            Map<String, String>, List<? extends T>> list,
                                    Function<T, String> id, String marker, List<String> markers) {
        Map<String, String> params = new HashMap<>(filters);
        params.put("limit", String.valueOf(pageSize));
        if (markers.size() > 1) {
            params.put("marker", markers.get(markers.size() - 2));
        }
        List<? extends T> previous = calls.retrying(operation, projectId, os -> list.apply(os, params));
        return previous != null && previous.stream().anyMatch(item -> marker.equals(id.apply(item)));
    }

    private static QuotaUsage.Limit limit(QuotaDetails details) {
        return details == null ? new QuotaUsage.Limit(-1, 0, 0)
                : new QuotaUsage.Limit(details.getLimit(), details.getInUse(), details.getReserved());
    }
}
