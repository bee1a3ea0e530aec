package dev.snapshotmanager.emulator.scenario;

import dev.snapshotmanager.emulator.model.Ids;
import dev.snapshotmanager.emulator.http.Times;
import dev.snapshotmanager.emulator.model.Attachment;
import dev.snapshotmanager.emulator.model.Domain;
import dev.snapshotmanager.emulator.model.Project;
import dev.snapshotmanager.emulator.model.Quota;
import dev.snapshotmanager.emulator.model.Role;
import dev.snapshotmanager.emulator.model.Server;
import dev.snapshotmanager.emulator.model.Snapshot;
import dev.snapshotmanager.emulator.model.User;
import dev.snapshotmanager.emulator.model.Volume;
import dev.snapshotmanager.emulator.scenario.Scenario.AttachmentSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.SnapshotSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.UserSpec;
import dev.snapshotmanager.emulator.scenario.Scenario.VolumeSpec;
import dev.snapshotmanager.emulator.state.CloudState;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Puts a scenario into a {@link CloudState}, resolving references by id or name. */
public final class ScenarioApplier {

    private final CloudState state;
    private final Map<String, String> names = new HashMap<>();
    private long clock;

    private ScenarioApplier(CloudState state) {
        this.state = state;
        this.clock = Times.nowMicros() - 86_400_000_000L;
    }

    /** Replaces everything the cloud holds with the scenario. */
    public static void load(CloudState state, Scenario scenario) {
        state.clear();
        ScenarioApplier applier = new ScenarioApplier(state);
        applier.base();
        applier.apply(scenario);
    }

    /** Hex id as Keystone makes them, derived from a name so that scenarios are reproducible. */
    public static String keystoneId(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes()).toString().replace("-", "");
    }

    private void base() {
        state.identity().put(new Domain("default", "Default", "The default domain", true));
        names.put("domain:Default", "default");
        for (String role : List.of(Role.ADMIN, "member", "reader")) {
            role(role);
        }
    }

    private void apply(Scenario scenario) {
        scenario.domains().forEach(d -> {
            String id = d.id() != null ? d.id() : keystoneId("domain", d.name());
            state.identity().put(new Domain(id, d.name(), d.description() == null ? "" : d.description(),
                    d.enabled()));
            names.put("domain:" + d.name(), id);
        });
        scenario.roles().forEach(this::role);
        if (!scenario.defaultQuota().isEmpty()) {
            Quota defaults = Quota.DEFAULT;
            for (Map.Entry<String, Integer> e : scenario.defaultQuota().entrySet()) {
                defaults = defaults.with(e.getKey(), e.getValue());
            }
            state.blockStorage().setDefaultQuota(defaults);
        }
        if (scenario.generate() != null) {
            apply(ScenarioGenerator.generate(scenario.generate()));
        }
        scenario.projects().forEach(p -> {
            String domainId = ref("domain", p.domain() == null ? "default" : p.domain());
            String id = p.id() != null ? p.id() : keystoneId("project", p.name());
            state.identity().put(new Project(id, p.name(), domainId, p.description() == null ? "" : p.description(),
                    p.enabled()));
            names.put("project:" + p.name(), id);
            if (p.quota() != null && !p.quota().isEmpty()) {
                Quota quota = state.blockStorage().defaultQuota();
                for (Map.Entry<String, Integer> e : p.quota().entrySet()) {
                    quota = quota.with(e.getKey(), e.getValue());
                }
                state.blockStorage().setQuota(id, quota);
            }
        });
        scenario.users().forEach(this::user);
        scenario.servers().forEach(s -> {
            String id = s.id() != null ? s.id() : Ids.uuid();
            long created = tick();
            state.compute().put(new Server(id, ref("project", s.project()), userRef(s.user()), s.name(),
                    s.status() == null ? "ACTIVE" : s.status(), created, created, s.metadata(), "1", ""));
            names.put("server:" + s.name(), id);
        });
        scenario.volumes().forEach(this::volume);
        scenario.snapshots().forEach(this::snapshot);
    }

    private void role(String name) {
        if (state.identity().roleByName(name).isEmpty()) {
            state.identity().put(new Role(keystoneId("role", name), name));
        }
    }

    private void user(UserSpec u) {
        String domainId = ref("domain", u.domain() == null ? "default" : u.domain());
        String id = u.id() != null ? u.id() : keystoneId("user", u.name());
        String defaultProject = u.defaultProject() == null ? null : ref("project", u.defaultProject());
        state.identity().put(new User(id, u.name(), domainId, u.password() == null ? "secret" : u.password(),
                defaultProject, true));
        names.put("user:" + u.name(), id);
        if (u.roles() != null) {
            u.roles().forEach((project, roles) -> roles.forEach(role -> {
                role(role);
                state.identity().grant(ref("project", project), id, state.identity().roleByName(role).orElseThrow().id());
            }));
        }
    }

    private void volume(VolumeSpec v) {
        String id = v.id() != null ? v.id() : Ids.uuid();
        long created = v.createdAt() != null ? parseTime(v.createdAt()) : tick();
        List<Attachment> attachments = new ArrayList<>();
        if (v.attachments() != null) {
            int n = 0;
            for (AttachmentSpec a : v.attachments()) {
                String device = a.device() != null ? a.device() : "/dev/vd" + (char) ('b' + n++);
                attachments.add(new Attachment(UUID.nameUUIDFromBytes((id + a.server()).getBytes()).toString(),
                        ref("server", a.server()), a.hostName() == null ? "compute-1" : a.hostName(), device, created));
            }
        }
        String status = v.status() != null ? v.status() : attachments.isEmpty() ? "available" : "in-use";
        String project = ref("project", v.project());
        state.putVolume(new Volume(id, project, userRef(v.user()), v.name(), v.description(), status,
                v.size() == null ? 1 : v.size(), v.availabilityZone() == null ? "nova" : v.availabilityZone(),
                created, created, v.volumeType() == null ? "lvmdriver-1" : v.volumeType(), null, null,
                v.metadata(), Boolean.TRUE.equals(v.bootable()), Boolean.TRUE.equals(v.encrypted()),
                Boolean.TRUE.equals(v.multiattach()), attachments));
        if (v.name() != null) {
            names.putIfAbsent("volume:" + v.name(), id);
        }
    }

    private void snapshot(SnapshotSpec s) {
        String volumeId = ref("volume", s.volume());
        Volume volume = state.blockStorage().volume(volumeId)
                .orElseThrow(() -> new IllegalArgumentException("Snapshot of unknown volume " + s.volume()));
        String status = s.status() == null ? "available" : s.status();
        long created = s.createdAt() != null ? parseTime(s.createdAt()) : tick();
        state.blockStorage().putSnapshot(new Snapshot(s.id() != null ? s.id() : Ids.uuid(),
                s.project() == null ? volume.projectId() : ref("project", s.project()), volume.userId(), volumeId,
                s.name(), s.description(), status, volume.size(), created, created, s.metadata(),
                "creating".equals(status) ? "0%" : "100%"));
    }

    private String userRef(String user) {
        return user == null ? keystoneId("user", "emulator") : ref("user", user);
    }

    /** An id given by id or by name; names must have been declared earlier in the scenario. */
    private String ref(String kind, String idOrName) {
        if (idOrName == null) {
            throw new IllegalArgumentException("Missing " + kind + " reference");
        }
        return names.getOrDefault(kind + ":" + idOrName, idOrName);
    }

    private long tick() {
        clock += 1_000L;
        return clock;
    }

    private static long parseTime(String text) {
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return Times.micros(OffsetDateTime.parse(text).toInstant());
        }
        return Times.micros(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
    }
}
