package dev.snapshotmanager.local;

import dev.snapshotmanager.emulator.scenario.Scenario;
import dev.snapshotmanager.emulator.scenario.Scenario.AttachmentSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.DomainSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.ProjectSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.ServerSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.SnapshotSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.UserSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The demo cloud of the local stack, in the emulator's scenario format: three domains, six tenant projects
 * ({@code demo-project-1..6}, the ids the demo realm's tenant users are scoped to) with 50 volumes each, about a
 * quarter attached to VMs, some tagged with the reference system's {@code auto_snapshot}/{@code snapshot_policies}
 * metadata (and some opted out), a few in {@code error}, and project {@code research} close to its snapshot quota.
 * The same seed gives the same cloud.
 */
public final class DemoCloud {

    public static final String SERVICE_USER = "snapshot-manager";
    public static final String SERVICE_PASSWORD = "secret";
    public static final String SERVICE_PROJECT = "service";
    public static final int VOLUMES_PER_PROJECT = 50;
    /** The project whose snapshot quota is almost used up. */
    public static final String NEAR_QUOTA_PROJECT = "demo-project-6";
    public static final int NEAR_QUOTA_LIMIT = 60;
    public static final int NEAR_QUOTA_USED = 55;

    /** id, name, domain of the tenant projects. */
    static final List<List<String>> TENANTS = List.of(
            List.of("demo-project-1", "acme-web", "acme"),
            List.of("demo-project-2", "acme-data", "acme"),
            List.of("demo-project-3", "globex-prod", "globex"),
            List.of("demo-project-4", "globex-dev", "globex"),
            List.of("demo-project-5", "initech-erp", "initech"),
            List.of("demo-project-6", "research", "Default"));

    private static final List<String> VOLUME_KINDS = List.of("data", "logs", "db", "cache", "backup", "scratch");
    private static final List<String> VOLUME_TYPES = List.of("lvmdriver-1", "ssd", "hdd");

    private DemoCloud() {
    }

    public static Scenario generate(long seed) {
        Random random = new Random(seed);
        List<DomainSpec> domains = List.of(new DomainSpec(null, "acme", "ACME Corporation"),
                new DomainSpec(null, "globex", "Globex"), new DomainSpec(null, "initech", "Initech"));
        List<ProjectSpec> projects = new ArrayList<>();
        projects.add(new ProjectSpec(null, "admin", "Default", "Cloud administration", null));
        projects.add(new ProjectSpec(null, SERVICE_PROJECT, "Default", "Service users", null));
        Map<String, List<String>> serviceRoles = new LinkedHashMap<>();
        serviceRoles.put(SERVICE_PROJECT, List.of("admin", "member"));
        List<UserSpec> users = new ArrayList<>();
        users.add(new UserSpec(null, "admin", "Default", "secret", "admin", Map.of("admin", List.of("admin", "member"))));
        List<ServerSpec> servers = new ArrayList<>();
        List<VolumeSpec> volumes = new ArrayList<>();
        List<SnapshotSpec> snapshots = new ArrayList<>();
        for (List<String> tenant : TENANTS) {
            String id = tenant.get(0);
            String name = tenant.get(1);
            boolean nearQuota = id.equals(NEAR_QUOTA_PROJECT);
            Map<String, Integer> quota = nearQuota
                    ? Map.of("snapshots", NEAR_QUOTA_LIMIT, "gigabytes", -1, "volumes", -1) : null;
            projects.add(new ProjectSpec(id, name, tenant.get(2), "Demo tenant " + name, quota));
            serviceRoles.put(id, List.of("member"));
            users.add(new UserSpec(null, name + "-user", tenant.get(2), "secret", id, Map.of(id, List.of("member"))));
            int vmCount = 6 + random.nextInt(5);
            for (int s = 1; s <= vmCount; s++) {
                servers.add(new ServerSpec(uuid(random), String.format("%s-vm-%02d", name, s), id, null, "ACTIVE",
                        Map.of()));
            }
            List<ServerSpec> projectServers = servers.subList(servers.size() - vmCount, servers.size());
            for (int v = 1; v <= VOLUMES_PER_PROJECT; v++) {
                volumes.add(volume(random, id, name, v, projectServers));
            }
            if (nearQuota) {
                List<VolumeSpec> own = volumes.subList(volumes.size() - VOLUMES_PER_PROJECT, volumes.size());
                for (int n = 0; n < NEAR_QUOTA_USED; n++) {
                    VolumeSpec volume = own.get(n % own.size());
                    snapshots.add(new SnapshotSpec(uuid(random), "manual-" + volume.name() + "-" + n, null,
                            volume.id(), null, "available", Map.of("created_by", "ops-team"), null));
                }
            }
        }
        users.add(new UserSpec(null, SERVICE_USER, "Default", SERVICE_PASSWORD, SERVICE_PROJECT, serviceRoles));
        // Generous defaults, so that only the near-quota project is blocked.
        Map<String, Integer> defaultQuota = Map.of("snapshots", 5000, "gigabytes", -1, "volumes", -1);
        return new Scenario(domains, null, projects, users, servers, volumes, snapshots, defaultQuota, null);
    }

    private static VolumeSpec volume(Random random, String projectId, String projectName, int n,
                                     List<ServerSpec> servers) {
        String kind = VOLUME_KINDS.get(random.nextInt(VOLUME_KINDS.size()));
        boolean bootable = random.nextDouble() < 0.15;
        String name = String.format("%s-%s-%03d", projectName, bootable ? "boot" : kind, n);
        List<AttachmentSpec> attachments = List.of();
        if (bootable || random.nextDouble() < 0.2) {
            ServerSpec server = servers.get(random.nextInt(servers.size()));
            attachments = List.of(new AttachmentSpec(server.id(), bootable ? "/dev/vda" : null, "compute-1"));
        }
        String status = random.nextDouble() < 0.02 ? "error" : null;
        int size = bootable ? 20 : 1 + random.nextInt(200);
        return new VolumeSpec(uuid(random), name, null, projectId, null, size, status,
                VOLUME_TYPES.get(random.nextInt(VOLUME_TYPES.size())), bootable, false, false, null,
                legacyMetadata(random), attachments, null);
    }

    /** About 15% tagged the old way (several spellings), 3% explicitly opted out, the rest untagged. */
    static Map<String, String> legacyMetadata(Random random) {
        double roll = random.nextDouble();
        Map<String, String> metadata = new LinkedHashMap<>();
        if (roll < 0.06) {
            metadata.put("auto_snapshot", "true");
            metadata.put("snapshot_policies", "daily_5");
        } else if (roll < 0.10) {
            metadata.put("auto_snapshot", "yes");
            metadata.put("snapshot_policies", "daily_5,monthly_1st");
            metadata.put("retention_daily_5", "7");
        } else if (roll < 0.13) {
            metadata.put("auto_snapshot", "True");
            metadata.put("snapshot_policies", "hourly_24;daily_5");
        } else if (roll < 0.15) {
            metadata.put("auto_snapshot", "1");
            metadata.put("snapshot_policy", "monthly_1st");
        } else if (roll < 0.18) {
            metadata.put("auto_snapshot", "false");
        }
        if (random.nextDouble() < 0.3) {
            metadata.put("owner", random.nextBoolean() ? "team-a" : "team-b");
        }
        return metadata;
    }

    private static String uuid(Random random) {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }
}
