package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Cinder volume as seen at the time of writing.
 *
 * @param status     Cinder status, e.g. {@code available}, {@code in-use}, {@code error}
 * @param volumeType Cinder volume type name, when known
 */
public record VolumeRef(
        @JsonProperty(required = true) String id,
        String name,
        @JsonProperty(required = true) int sizeGb,
        String status,
        String volumeType,
        @JsonProperty(required = true) boolean bootable) {
}
