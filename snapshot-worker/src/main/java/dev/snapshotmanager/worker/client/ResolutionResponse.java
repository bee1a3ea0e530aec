package dev.snapshotmanager.worker.client;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.snapshotmanager.events.Retention;
import java.util.List;
import java.util.UUID;

/** The answer of {@code POST /api/v1/resolutions}: per volume, the effective policies and the deciding step. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolutionResponse(@JsonAlias("items") List<VolumeResolution> resolutions) {

    public ResolutionResponse {
        resolutions = resolutions == null ? List.of() : resolutions;
    }

    /**
     * One volume's resolution.
     *
     * @param decidedBy EXCLUSION, ASSIGNMENT, METADATA, RULE, TENANT_SET, GLOBAL_SET or UNCOVERED
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VolumeResolution(String volumeId, String decidedBy, String reason, List<EffectivePolicy> policies) {

        public VolumeResolution {
            policies = policies == null ? List.of() : policies;
        }
    }

    /** A policy that applies, with its schedule and its retention after overrides. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EffectivePolicy(UUID policySetId, String policySetName, String policyName, String cron,
                                  String timeZone, Retention retention, String retentionSource) {
    }
}
