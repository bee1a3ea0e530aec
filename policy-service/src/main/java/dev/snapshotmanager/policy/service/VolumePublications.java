package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.ResolutionStep;
import dev.snapshotmanager.events.VolumePoliciesV1;
import dev.snapshotmanager.outbox.Outbox;
import dev.snapshotmanager.policy.domain.InventoryVolume;
import dev.snapshotmanager.policy.domain.resolution.EffectivePolicy;
import dev.snapshotmanager.policy.domain.resolution.Resolution;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.ExclusionView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.RuleView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.SetView;
import dev.snapshotmanager.policy.domain.resolution.VolumeDescription;
import dev.snapshotmanager.policy.repository.PublicationRepository;
import dev.snapshotmanager.policy.repository.PublicationRepository.Publication;
import dev.snapshotmanager.policy.repository.VolumeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * One step of a {@link VolumePoliciesPublisher} pass, each in its own transaction: the changed resolutions of one
 * chunk of inventory volumes, or the removal of volumes that left the inventory. The events go to the outbox in the
 * transaction that records them as published, so both happen or neither.
 */
@ApplicationScoped
public class VolumePublications {

    /** What one chunk did; {@code lastVolumeId} is the keyset cursor of the next chunk. */
    public record Chunk(int volumes, int published, String lastVolumeId) {
    }

    @Inject
    VolumeRepository volumes;

    @Inject
    ResolutionService resolver;

    @Inject
    PublicationRepository publications;

    @Inject
    Outbox outbox;

    /** Resolves up to {@code size} volumes after {@code afterVolumeId} at {@code now}; publishes those that changed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Chunk publishChanged(String afterVolumeId, int size, Instant now) {
        List<InventoryVolume> batch = volumes.page(afterVolumeId, size);
        if (batch.isEmpty()) {
            return new Chunk(0, 0, afterVolumeId);
        }
        List<VolumeDescription> described = batch.stream().map(VolumeService::describe).toList();
        ResolutionService.Resolved resolved = resolver.resolveTrusted(described, now);
        Map<String, Publication> previous = publications.find(described.stream().map(VolumeDescription::id)
                .toList());
        List<Publication> changed = new ArrayList<>();
        for (int i = 0; i < described.size(); i++) {
            int index = i;
            VolumeDescription volume = described.get(i);
            Resolution resolution = resolved.resolutions().get(i);
            Instant excludedUntil = resolution.decidedBy() != ResolutionStep.EXCLUSION ? null
                    : resolved.state().exclusion(volume.id()).map(ExclusionView::expiresAt).orElse(null);
            Publication before = previous.get(volume.id());
            Function<EffectivePolicy, Instant> newSince = before != null ? p -> now
                    : p -> VolumePoliciesEvents.firstSince(now, batch.get(index).createdAt,
                            resolved.state().set(p.policySetId()).map(SetView::createdAt).orElse(null),
                            ruleCreatedAt(resolved.state(), resolution.ruleId()));
            VolumePoliciesV1 event = VolumePoliciesEvents.event(volume.id(), volume.projectId(), resolution,
                    excludedUntil, before == null ? Map.of() : before.since(), newSince, now);
            String digest = VolumePoliciesEvents.digest(event);
            if (before != null && before.digest().equals(digest)) {
                continue;
            }
            append(event);
            changed.add(new Publication(volume.id(), volume.projectId(), digest, VolumePoliciesEvents.since(event),
                    now));
        }
        publications.save(changed);
        return new Chunk(batch.size(), changed.size(), batch.get(batch.size() - 1).volumeId);
    }

    /**
     * Publishes {@code removed=true} for up to {@code limit} volumes that were published but left the inventory, and
     * forgets them.
     *
     * @return how many
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int removeGone(int limit, Instant now) {
        List<String> gone = publications.deleteGone(limit);
        gone.forEach(id -> append(VolumePoliciesV1.removed(id, now)));
        return gone.size();
    }

    private static Instant ruleCreatedAt(ResolutionState state, UUID ruleId) {
        return ruleId == null ? null : state.rules().stream().filter(r -> r.id().equals(ruleId)).findFirst()
                .map(RuleView::createdAt).orElse(null);
    }

    private void append(VolumePoliciesV1 event) {
        outbox.append(EventType.VOLUME_POLICIES, event.volumeId(), "volume/" + event.volumeId(), event);
    }
}
