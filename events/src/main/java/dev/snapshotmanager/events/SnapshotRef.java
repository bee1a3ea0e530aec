package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A Cinder snapshot; {@code status} is Cinder's, e.g. {@code available}, {@code error}. */
public record SnapshotRef(@JsonProperty(required = true) String id, String name, String status) {
}
