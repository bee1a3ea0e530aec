package dev.snapshotmanager.emulator.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A cloud to load, as JSON or YAML. References between entries use ids or names (projects, servers, volumes,
 * domains). Missing ids are generated. See the module README for an example.
 *
 * @param domains      domains; {@code default} ("Default") always exists
 * @param roles        role names; admin, member and reader always exist
 * @param defaultQuota quota of projects that name none (Cinder's defaults when absent)
 * @param generate     a generator run whose output is added to this scenario
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = false)
public record Scenario(List<DomainSpec> domains, List<String> roles, List<ProjectSpec> projects,
                       List<UserSpec> users, List<ServerSpec> servers, List<VolumeSpec> volumes,
                       List<SnapshotSpec> snapshots, Map<String, Integer> defaultQuota, GeneratorSpec generate) {

    public Scenario {
        domains = orEmpty(domains);
        roles = orEmpty(roles);
        projects = orEmpty(projects);
        users = orEmpty(users);
        servers = orEmpty(servers);
        volumes = orEmpty(volumes);
        snapshots = orEmpty(snapshots);
        defaultQuota = defaultQuota == null ? Map.of() : defaultQuota;
    }

    public static Scenario empty() {
        return new Scenario(null, null, null, null, null, null, null, null, null);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * A domain. {@code enabled} (default true) is what Keystone answers in {@code enabled}; no token can be scoped to
     * a project of a disabled domain (Keystone refuses it like a disabled project).
     */
    public record DomainSpec(String id, String name, String description, Boolean enabled) {

        @JsonCreator
        public DomainSpec {
            enabled = enabled == null ? Boolean.TRUE : enabled;
        }

        /** An enabled domain. */
        public DomainSpec(String id, String name, String description) {
            this(id, name, description, true);
        }
    }

    /**
     * A project; {@code quota} keys as in os-quota-sets (snapshots, gigabytes, volumes, ...). {@code enabled}
     * (default true) is what Keystone answers in {@code enabled}; no token can be scoped to a disabled project.
     */
    public record ProjectSpec(String id, String name, String domain, String description, Map<String, Integer> quota,
                              Boolean enabled) {

        @JsonCreator
        public ProjectSpec {
            enabled = enabled == null ? Boolean.TRUE : enabled;
        }

        /** An enabled project. */
        public ProjectSpec(String id, String name, String domain, String description, Map<String, Integer> quota) {
            this(id, name, domain, description, quota, true);
        }
    }

    /** A user; {@code roles} maps a project (id or name) to role names. */
    public record UserSpec(String id, String name, String domain, String password, String defaultProject,
                           Map<String, List<String>> roles) {
    }

    public record ServerSpec(String id, String name, String project, String user, String status,
                             Map<String, String> metadata) {
    }

    /** A volume; attached volumes get status {@code in-use} unless a status is given. */
    public record VolumeSpec(String id, String name, String description, String project, String user, Integer size,
                             String status, String volumeType, Boolean bootable, Boolean encrypted,
                             Boolean multiattach, String availabilityZone, Map<String, String> metadata,
                             List<AttachmentSpec> attachments, String createdAt) {
    }

    public record AttachmentSpec(String server, String device, String hostName) {
    }

    /** An existing snapshot; it belongs to its volume's project unless {@code project} says otherwise. */
    public record SnapshotSpec(String id, String name, String description, String volume, String project,
                               String status, Map<String, String> metadata, String createdAt) {
    }

    /**
     * Parameters of a generated cloud: {@code projects} projects with {@code volumesPerProject} volumes each,
     * one member user per project, a share of volumes attached to servers and a share tagged with the legacy
     * {@code auto_snapshot}/{@code snapshot_policies} metadata.
     */
    public record GeneratorSpec(Integer projects, Integer volumesPerProject, Double attachedShare,
                                Double taggedShare, Integer volumeSize, Long seed, Map<String, Integer> quota,
                                String password) {
    }
}
