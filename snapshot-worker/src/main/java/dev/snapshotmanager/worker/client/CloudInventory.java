package dev.snapshotmanager.worker.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every volume of every project, with the names the worker needs, read once per run (no per-volume lookups).
 *
 * @param projects    project id to project
 * @param domainNames     domain id to domain name
 * @param disabledDomains ids of the domains disabled in Keystone: no token can be scoped to their projects either
 * @param serverNames     server id to server name
 * @param listedAt        when the listing started: what it says is true as of then (at the latest)
 */
public record CloudInventory(List<CloudVolume> volumes, Map<String, Project> projects, Map<String, String> domainNames,
                             Set<String> disabledDomains, Map<String, String> serverNames, Instant listedAt) {

    /** A Keystone project; no token can be scoped to a project that is not {@code enabled}. */
    public record Project(String id, String name, String domainId, boolean enabled) {
    }

    public CloudInventory {
        volumes = List.copyOf(volumes);
        projects = Map.copyOf(projects);
        domainNames = Map.copyOf(domainNames);
        disabledDomains = Set.copyOf(disabledDomains);
        serverNames = Map.copyOf(serverNames);
        Objects.requireNonNull(listedAt, "listedAt");
    }
}
