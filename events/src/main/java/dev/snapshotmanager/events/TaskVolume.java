package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One volume of a {@link VolumeTaskV1}, with everything an executor needs and nothing it must look up.
 *
 * @param server    the first attached server, or {@code null}
 * @param retention the effective retention for this volume and policy (after overrides), or {@code null} for none
 * @param metadata  the volume's Cinder metadata at planning time
 */
public record TaskVolume(
        @JsonProperty(required = true) VolumeRef volume,
        @JsonProperty(required = true) TenantRef tenant,
        ServerRef server,
        Retention retention,
        Map<String, String> metadata) {

    public TaskVolume {
        metadata = Copies.map(metadata);
    }
}
