package dev.snapshotmanager.worker.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every volume of every project, with the names the worker needs, read once per run (no per-volume lookups).
 *
 * @param projects    project id to project
 * @param domainNames domain id to domain name
 * @param serverNames server id to server name
 * @param listedAt    when the listing started: what it says is true as of then (at the latest)
 */
public record CloudInventory(List<CloudVolume> volumes, Map<String, Project> projects, Map<String, String> domainNames,
                             Map<String, String> serverNames, Instant listedAt) {

    /** A Keystone project; no token can be scoped to a project that is not {@code enabled}. */
    public record Project(String id, String name, String domainId, boolean enabled) {
    }

    public CloudInventory {
        volumes = List.copyOf(volumes);
        projects = Map.copyOf(projects);
        domainNames = Map.copyOf(domainNames);
        serverNames = Map.copyOf(serverNames);
        Objects.requireNonNull(listedAt, "listedAt");
    }
}
