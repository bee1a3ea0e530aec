package dev.snapshotmanager.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.emulator.model.Project;
import dev.snapshotmanager.emulator.scenario.Scenario;
import dev.snapshotmanager.emulator.scenario.Scenario.VolumeSpec;
import dev.snapshotmanager.emulator.scenario.ScenarioApplier;
import dev.snapshotmanager.emulator.state.CloudState;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoCloudTest {

    private final Scenario cloud = DemoCloud.generate(Launcher.DEMO_SEED);

    private CloudState loaded() {
        CloudState state = new CloudState(Duration.ofHours(1));
        ScenarioApplier.load(state, cloud);
        return state;
    }

    @Test
    void loadsIntoTheEmulatorWithAFewHundredVolumesInSeveralDomainsAndProjects() {
        CloudState state = loaded();

        assertThat(state.blockStorage().volumeCount()).isBetween(200, 500);
        assertThat(state.identity().domains()).extracting(d -> d.name())
                .contains("Default", "acme", "globex", "initech");
        Set<String> tenantDomains = state.identity().projects().stream()
                .filter(p -> p.id().startsWith("demo-project-")).map(Project::domainId).collect(Collectors.toSet());
        assertThat(tenantDomains).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void namesTheProjectsThatTheDemoRealmsTenantUsersAreScopedTo() {
        assertThat(loaded().identity().project("demo-project-1")).get().extracting(Project::name).isEqualTo("acme-web");
        assertThat(loaded().identity().project("demo-project-2")).isPresent();
    }

    @Test
    void attachesSomeVolumesToServersAndTagsSomeTheLegacyWay() {
        long attached = cloud.volumes().stream().filter(v -> !v.attachments().isEmpty()).count();
        long tagged = cloud.volumes().stream().filter(v -> v.metadata().containsKey("auto_snapshot")
                && !"false".equals(v.metadata().get("auto_snapshot"))).count();
        long optedOut = cloud.volumes().stream().filter(v -> "false".equals(v.metadata().get("auto_snapshot"))).count();

        assertThat(attached).isBetween(cloud.volumes().size() / 10L, cloud.volumes().size() / 2L);
        assertThat(tagged).isBetween(cloud.volumes().size() / 20L, cloud.volumes().size() / 4L);
        assertThat(optedOut).isPositive();
        assertThat(cloud.volumes()).anyMatch(v -> v.metadata().containsKey("snapshot_policy"))
                .anyMatch(v -> v.metadata().getOrDefault("snapshot_policies", "").contains(","))
                .anyMatch(v -> v.metadata().containsKey("retention_daily_5"));
        assertThat(loaded().volumesAttachedTo(cloud.servers().get(0).id())).isNotNull();
    }

    @Test
    void leavesOneProjectJustBelowItsSnapshotQuota() {
        CloudState state = loaded();
        String project = DemoCloud.NEAR_QUOTA_PROJECT;

        assertThat(state.blockStorage().quota(project).snapshots()).isEqualTo(DemoCloud.NEAR_QUOTA_LIMIT);
        assertThat(state.blockStorage().usage(project).snapshots()).isEqualTo(DemoCloud.NEAR_QUOTA_USED);
        long volumes = cloud.volumes().stream().filter(v -> v.project().equals(project)).count();
        assertThat(DemoCloud.NEAR_QUOTA_LIMIT - DemoCloud.NEAR_QUOTA_USED).isLessThan((int) volumes);
        assertThat(state.blockStorage().quota("demo-project-1").snapshots()).isGreaterThan(1000);
    }

    @Test
    void givesTheServiceUserAdminInItsProjectAndARoleInEveryTenantProject() {
        CloudState state = loaded();
        String userId = state.identity().userByName(DemoCloud.SERVICE_USER, "default").orElseThrow().id();
        String serviceProject = state.identity().projectByName(DemoCloud.SERVICE_PROJECT, "default").orElseThrow().id();

        assertThat(state.identity().rolesOf(userId, serviceProject)).extracting(r -> r.name()).contains("admin");
        for (var tenant : DemoCloud.TENANTS) {
            assertThat(state.identity().rolesOf(userId, tenant.get(0))).as(tenant.get(1)).isNotEmpty();
        }
    }

    @Test
    void isTheSameCloudForTheSameSeedAndAnotherForAnother() {
        assertThat(DemoCloud.generate(7).volumes()).isEqualTo(DemoCloud.generate(7).volumes());
        Map<String, Integer> a = DemoCloud.generate(7).volumes().stream()
                .collect(Collectors.toMap(VolumeSpec::name, VolumeSpec::size, (x, y) -> x));
        Map<String, Integer> b = DemoCloud.generate(8).volumes().stream()
                .collect(Collectors.toMap(VolumeSpec::name, VolumeSpec::size, (x, y) -> x));
        assertThat(a).isNotEqualTo(b);
    }
}
