package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.policy.config.PolicyConfig;
import dev.snapshotmanager.policy.domain.Violations;
import dev.snapshotmanager.policy.domain.resolution.Resolution;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState;
import dev.snapshotmanager.policy.domain.resolution.Resolver;
import dev.snapshotmanager.policy.domain.resolution.VolumeDescription;
import dev.snapshotmanager.policy.repository.ResolutionStateLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves the effective policies of a batch of volumes: one bulk load of the state they depend on, then the
 * in-memory {@link Resolver}.
 */
@ApplicationScoped
public class ResolutionService {

    @Inject
    ResolutionStateLoader loader;

    @Inject
    PolicyConfig config;

    @Inject
    Access access;

    @Inject
    MeterRegistry registry;

    public List<Resolution> resolve(List<VolumeDescription> volumes) {
        validate(volumes);
        for (VolumeDescription v : volumes) {
            access.requireTenant(v.projectId());
        }
        Timer.Sample sample = Timer.start(registry);
        try {
            return resolveTrusted(volumes);
        } finally {
            sample.stop(registry.timer("snapshot_policy_resolution_seconds"));
            registry.counter("snapshot_policy_resolved_volumes_total").increment(volumes.size());
        }
    }

    /** Resolution without request checks, for callers that already filtered by tenant (the volume list). */
    public List<Resolution> resolveTrusted(List<VolumeDescription> volumes) {
        return resolveTrusted(volumes, Instant.now()).resolutions();
    }

    /**
     * Resolution without request checks at a given time, with the state it was resolved against (one bulk load),
     * for callers that need more of it than the resolutions (the exclusion's end, for instance).
     */
    public Resolved resolveTrusted(List<VolumeDescription> volumes, Instant now) {
        if (volumes.isEmpty()) {
            return new Resolved(new ResolutionState(List.of(), List.of(), List.of(), List.of()), List.of());
        }
        ResolutionState state = loader.load(volumes.stream().map(VolumeDescription::id).toList(),
                volumes.stream().map(VolumeDescription::projectId).toList());
        return new Resolved(state, new Resolver(state, now).resolveAll(volumes));
    }

    /** Resolutions in the order of the volumes, and the state they were resolved against. */
    public record Resolved(ResolutionState state, List<Resolution> resolutions) {
    }

    private void validate(List<VolumeDescription> volumes) {
        if (volumes == null) {
            throw ProblemException.unprocessable("volumes is required",
                    new Violations().add("volumes", "must not be null").list());
        }
        if (volumes.size() > config.maxResolutionVolumes()) {
            throw ProblemException.unprocessable("Too many volumes", new Violations()
                    .add("volumes", "at most " + config.maxResolutionVolumes() + " per request").list());
        }
        Violations v = new Violations();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            VolumeDescription volume = volumes.get(i);
            if (volume == null) {
                v.add("volumes[" + i + "]", "must not be null");
                continue;
            }
            if (volume.id() == null || volume.id().isBlank()) {
                v.add("volumes[" + i + "].id", "must not be blank");
            } else if (!ids.add(volume.id())) {
                v.add("volumes[" + i + "].id", "appears twice");
            }
            if (volume.projectId() == null || volume.projectId().isBlank()) {
                v.add("volumes[" + i + "].projectId", "must not be blank");
            }
            if (v.list().size() > 50) {
                break;
            }
        }
        v.throwIfAny("Some volumes are not valid");
    }
}
