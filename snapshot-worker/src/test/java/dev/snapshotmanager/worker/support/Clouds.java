package dev.snapshotmanager.worker.support;

import dev.snapshotmanager.emulator.scenario.Scenario;
import dev.snapshotmanager.emulator.scenario.Scenario.AttachmentSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.DomainSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.ProjectSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.ServerSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.SnapshotSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.UserSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.VolumeSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixture builder of emulator clouds: the service project with the worker's service user (admin there, member in
 * every tenant project unless {@link #withoutRole}), tenant projects, volumes, servers and existing snapshots.
 */
public final class Clouds {

    public static final String SERVICE_PROJECT = "5e51ce0000000000000000000000000f";
    /** Every volume's creation time, so that the same cloud loaded twice describes its volumes identically. */
    static final String CREATED = "2026-01-01T00:00:00Z";

    private final List<DomainSpec> domains = new ArrayList<>();
    private final List<ProjectSpec> projects = new ArrayList<>();
    private final List<ServerSpec> servers = new ArrayList<>();
    private final List<VolumeSpec> volumes = new ArrayList<>();
    private final List<SnapshotSpec> snapshots = new ArrayList<>();
    private final Map<String, List<String>> roles = new LinkedHashMap<>(Map.of(SERVICE_PROJECT, List.of("admin")));
    private Scenario.GeneratorSpec generate;

    public static Clouds cloud() {
        return new Clouds();
    }

    public Clouds project(String id, String name) {
        return project(id, name, null);
    }

    /** A tenant project; {@code quota} as in os-quota-sets ({@code snapshots}, {@code gigabytes}), may be null. */
    public Clouds project(String id, String name, Map<String, Integer> quota) {
        projects.add(new ProjectSpec(id, name, "default", "tenant", quota));
        roles.put(id, List.of("member"));
        return this;
    }

    /** A tenant project disabled in Keystone (the service user is a member, but no token can be scoped to it). */
    public Clouds disabledProject(String id, String name) {
        projects.add(new ProjectSpec(id, name, "default", "disabled tenant", null, false));
        roles.put(id, List.of("member"));
        return this;
    }

    /**
     * An enabled tenant project in a domain disabled in Keystone (the service user is a member, but no token can be
     * scoped to a project of a disabled domain).
     */
    public Clouds projectInDisabledDomain(String id, String name, String domainId, String domainName) {
        if (domains.stream().noneMatch(d -> d.id().equals(domainId))) {
            domains.add(new DomainSpec(domainId, domainName, "disabled domain", false));
        }
        projects.add(new ProjectSpec(id, name, domainId, "tenant", null));
        roles.put(id, List.of("member"));
        return this;
    }

    /** The service user has no role in this project. */
    public Clouds withoutRole(String projectId) {
        roles.remove(projectId);
        return this;
    }

    public Clouds volume(String id, String name, String project, int size) {
        return volume(id, name, project, size, null, null);
    }

    public Clouds volume(String id, String name, String project, int size, String status, Map<String, String> metadata) {
        volumes.add(new VolumeSpec(id, name, null, project, null, size, status, null, false, false, false, null,
                metadata, List.of(), CREATED));
        return this;
    }

    /** A volume attached to a new server ({@code in-use}). */
    public Clouds attachedVolume(String id, String name, String project, int size, String serverId, String serverName) {
        servers.add(new ServerSpec(serverId, serverName, project, null, "ACTIVE", Map.of()));
        volumes.add(new VolumeSpec(id, name, null, project, null, size, null, null, true, false, false, null, null,
                List.of(new AttachmentSpec(serverId, "/dev/vda", "compute-1")), CREATED));
        return this;
    }

    public Clouds snapshot(String id, String volume, String status, Map<String, String> metadata, Instant createdAt) {
        snapshots.add(new SnapshotSpec(id, "snap-" + id, null, volume, null, status, metadata,
                createdAt.toString()));
        return this;
    }

    /** Adds a generated cloud ({@code projects} x {@code volumesPerProject}, service user without tenant roles). */
    public Clouds generated(int projectCount, int volumesPerProject) {
        generate = new Scenario.GeneratorSpec(projectCount, volumesPerProject, 0.2, 0.0, 10, 7L, null, null);
        return this;
    }

    /** A generated cloud without quota limits where the service user is a member of every generated project. */
    public Clouds generatedWithRoles(int projectCount, int volumesPerProject) {
        generate = new Scenario.GeneratorSpec(projectCount, volumesPerProject, 0.2, 0.0, 10, 7L,
                Map.of("snapshots", -1, "gigabytes", -1, "volumes", -1), null);
        for (int p = 1; p <= projectCount; p++) {
            roles.put(String.format("project-%04d", p), List.of("member"));
        }
        return this;
    }

    public Scenario build() {
        List<ProjectSpec> all = new ArrayList<>(projects);
        all.add(0, new ProjectSpec(SERVICE_PROJECT, "service", "default", "service project", null));
        UserSpec user = new UserSpec(null, "snapshot-manager", "default", "secret", SERVICE_PROJECT,
                new HashMap<>(roles));
        return new Scenario(domains, null, all, List.of(user), servers, volumes, snapshots, null, generate);
    }

    public void load() {
        TestCloud.load(build());
    }
}
