package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A Nova server (VM); for a volume, the first attached server. */
public record ServerRef(@JsonProperty(required = true) String id, String name) {
}
