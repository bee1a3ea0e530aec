package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.policy.domain.InventoryVolume;
import dev.snapshotmanager.policy.domain.resolution.EffectivePolicy;
import dev.snapshotmanager.policy.domain.resolution.Resolution;
import dev.snapshotmanager.policy.domain.resolution.VolumeDescription;
import dev.snapshotmanager.policy.repository.VolumeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The volume projection with effective policies: lists resolve each page in bulk; filters on the resolution
 * (protected, policy) scan forward in chunks until the page is full or a scan budget is spent.
 */
@ApplicationScoped
public class VolumeService {

    /** A volume and its resolution. */
    public record ResolvedVolume(InventoryVolume volume, Resolution resolution) {
    }

    /** A page; {@code lastScanned} is the keyset cursor when more volumes may follow. */
    public record ResolvedPage(List<ResolvedVolume> items, String lastScanned) {
    }

    /** Filters on the resolution; null = any. */
    public record ResolutionFilter(Boolean isProtected, UUID policySetId, String policyName) {

        boolean accepts(Resolution r) {
            if (isProtected != null && isProtected != r.isProtected()) {
                return false;
            }
            if (policySetId == null && policyName == null) {
                return true;
            }
            return r.policies().stream().anyMatch(p -> (policySetId == null || policySetId.equals(p.policySetId()))
                    && (policyName == null || policyName.equals(p.policyName())));
        }
    }

    static final int SCAN_BUDGET = 20_000;

    @Inject
    VolumeRepository volumes;

    @Inject
    ResolutionService resolver;

    @Inject
    Access access;

    public ResolvedPage list(String projectId, String domainId, String serverId, String status, String q,
            ResolutionFilter filter, String after, int limit) {
        if (projectId != null) {
            // Asking for another tenant's volumes is refused (403) as on every other tenant filter, not answered empty.
            access.requireTenant(projectId);
        }
        List<ResolvedVolume> out = new ArrayList<>();
        String cursor = after;
        int scanned = 0;
        int chunk = Math.max(limit + 1, 200);
        while (true) {
            List<InventoryVolume> batch = volumes.list(projectId, domainId, serverId, status, q,
                    access.visibleTenants(), cursor, chunk);
            if (batch.isEmpty()) {
                return new ResolvedPage(out, null);
            }
            List<Resolution> resolutions = resolver.resolveTrusted(batch.stream().map(VolumeService::describe)
                    .toList());
            for (int i = 0; i < batch.size(); i++) {
                cursor = batch.get(i).volumeId;
                scanned++;
                if (filter.accepts(resolutions.get(i))) {
                    if (out.size() == limit) {
                        return new ResolvedPage(out, out.get(limit - 1).volume().volumeId);
                    }
                    out.add(new ResolvedVolume(batch.get(i), resolutions.get(i)));
                }
            }
            if (batch.size() < chunk) {
                return new ResolvedPage(out, null);
            }
            if (scanned >= SCAN_BUDGET) {
                return new ResolvedPage(out, cursor);
            }
        }
    }

    public ResolvedVolume explain(String volumeId) {
        InventoryVolume v = volumes.findByIdOptional(volumeId).filter(x -> access.canSee(x.projectId))
                .orElseThrow(() -> ProblemException.notFound("Volume", volumeId));
        return new ResolvedVolume(v, resolver.resolveTrusted(List.of(describe(v))).get(0));
    }

    static VolumeDescription describe(InventoryVolume v) {
        List<VolumeDescription.Attachment> attachments = new ArrayList<>();
        if (v.serverId != null) {
            attachments.add(new VolumeDescription.Attachment(v.serverId, v.serverName));
        }
        return new VolumeDescription(v.volumeId, v.name, v.domainId, v.domainName, v.projectId, v.projectName,
                v.sizeGb, v.volumeType, v.bootable, v.status, v.metadata, attachments);
    }

    static List<String> policyNames(Resolution r) {
        return r.policies().stream().map(EffectivePolicy::policyName).toList();
    }
}
