package dev.snapshotmanager.emulator.scenario;

import dev.snapshotmanager.emulator.scenario.Scenario.AttachmentSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.GeneratorSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.ProjectSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.ServerSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.UserSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.VolumeSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates large clouds: projects {@code project-0001..}, a member user {@code user-0001..} in each (password
 * from the spec, "secret" by default), volumes {@code vol-0001-00001..}, a share of them attached to one server
 * each, a share tagged {@code auto_snapshot=true}, {@code snapshot_policies=daily}. Same seed, same cloud.
 */
public final class ScenarioGenerator {

    private ScenarioGenerator() {
    }

    public static Scenario generate(GeneratorSpec spec) {
        int projectCount = spec.projects() == null ? 10 : spec.projects();
        int volumesPerProject = spec.volumesPerProject() == null ? 10 : spec.volumesPerProject();
        double attached = spec.attachedShare() == null ? 0.2 : spec.attachedShare();
        double tagged = spec.taggedShare() == null ? 0.1 : spec.taggedShare();
        int size = spec.volumeSize() == null ? 10 : spec.volumeSize();
        Random random = new Random(spec.seed() == null ? 42L : spec.seed());
        Map<String, Integer> quota = spec.quota() == null ? Map.of("gigabytes", -1, "volumes", -1) : spec.quota();

        List<ProjectSpec> projects = new ArrayList<>(projectCount);
        List<UserSpec> users = new ArrayList<>(projectCount);
        List<ServerSpec> servers = new ArrayList<>();
        List<VolumeSpec> volumes = new ArrayList<>(projectCount * volumesPerProject);
        for (int p = 1; p <= projectCount; p++) {
            String project = String.format("project-%04d", p);
            String projectId = ScenarioApplier.keystoneId("project", project);
            projects.add(new ProjectSpec(projectId, project, "default", "generated", quota));
            users.add(new UserSpec(null, String.format("user-%04d", p), "default", spec.password(), projectId,
                    Map.of(projectId, List.of("member"))));
            for (int v = 1; v <= volumesPerProject; v++) {
                String name = String.format("vol-%04d-%05d", p, v);
                String volumeId = uuid(random);
                List<AttachmentSpec> attachments = List.of();
                if (random.nextDouble() < attached) {
                    String serverId = uuid(random);
                    servers.add(new ServerSpec(serverId, "vm-" + name, projectId, null, "ACTIVE", Map.of()));
                    attachments = List.of(new AttachmentSpec(serverId, "/dev/vdb", "compute-1"));
                }
                Map<String, String> metadata = random.nextDouble() < tagged
                        ? Map.of("auto_snapshot", "true", "snapshot_policies", "daily") : Map.of();
                volumes.add(new VolumeSpec(volumeId, name, null, projectId, null, size, null, null, false, false,
                        false, null, metadata, attachments, null));
            }
        }
        return new Scenario(null, null, projects, users, servers, volumes, null, null, null);
    }

    private static String uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
