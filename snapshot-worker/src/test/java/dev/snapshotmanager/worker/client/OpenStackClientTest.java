package dev.snapshotmanager.worker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshotmanager.emulator.faults.FaultSettings;
import dev.snapshotmanager.worker.support.Clouds;
import dev.snapshotmanager.worker.support.TestCloud;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenStack adapter against the emulator, through the real openstack4j 3.12 client. */
@QuarkusTest
class OpenStackClientTest {

    static final String P1 = "a0000000000000000000000000000001";
    static final String P2 = "a0000000000000000000000000000002";
    static final String V1 = "00000000-0000-4000-8000-000000000001";
    static final String V2 = "00000000-0000-4000-8000-000000000002";
    static final String V3 = "00000000-0000-4000-8000-000000000003";

    @Inject
    OpenStackClient client;

    @Inject
    OpenStackSessions sessions;

    @BeforeEach
    void cloud() {
        sessions.invalidateAll();
        Clouds.cloud().project(P1, "alpha", Map.of("snapshots", 7, "gigabytes", 100)).project(P2, "beta")
                .volume(V1, "data 1", P1, 10)
                .attachedVolume(V2, "boot", P1, 20, "5e7a0000-0000-4000-8000-000000000001", "web-1")
                .volume(V3, "other", P2, 5)
                .snapshot("s-1", V1, "available", Map.of("created_by", "snapshot-manager"),
                        Instant.parse("2026-01-01T00:00:00Z"))
                .load();
    }

    @Test
    void readsStatusesInCinderSpellingSoThatVolumesToSkipAreRecognized() {
        Clouds.cloud().project(P1, "alpha")
                .volume(V1, "broken", P1, 1, "error_deleting", null)
                .volume(V2, "restoring", P1, 1, "error_restoring", null)
                .attachedVolume(V3, "attached", P1, 1, "5e7a0000-0000-4000-8000-000000000001", "web-1")
                .snapshot("s-1", V1, "error_deleting", Map.of(), Instant.parse("2026-01-01T00:00:00Z"))
                .load();

        assertThat(client.inventory().volumes()).extracting(v -> v.id() + ":" + v.status()).containsExactlyInAnyOrder(
                V1 + ":error_deleting", V2 + ":error_restoring", V3 + ":in-use");
        assertThat(client.snapshotsOfVolume(P1, V1)).extracting(CloudSnapshot::status).containsExactly("error_deleting");
    }

    @Test
    void readsEveryProjectsVolumesWithProjectDomainAndServerNames() {
        CloudInventory inventory = client.inventory();

        assertThat(inventory.volumes()).extracting(CloudVolume::id).containsExactlyInAnyOrder(V1, V2, V3);
        CloudVolume boot = inventory.volumes().stream().filter(v -> v.id().equals(V2)).findFirst().orElseThrow();
        assertThat(boot.projectId()).isEqualTo(P1);
        assertThat(boot.status()).isEqualTo("in-use");
        assertThat(boot.bootable()).isTrue();
        assertThat(boot.serverIds()).containsExactly("5e7a0000-0000-4000-8000-000000000001");
        assertThat(inventory.projects().get(P1).name()).isEqualTo("alpha");
        assertThat(inventory.domainNames()).containsEntry(inventory.projects().get(P1).domainId(), "Default");
        assertThat(inventory.serverNames()).containsEntry("5e7a0000-0000-4000-8000-000000000001", "web-1");
    }

    @Test
    void pagesPastAThousandVolumesWithLimitAndMarker() {
        Clouds.cloud().generated(3, 401).load();

        CloudInventory inventory = client.inventory();

        assertThat(inventory.volumes()).hasSize(1203);
        assertThat(inventory.volumes()).extracting(CloudVolume::id).doesNotHaveDuplicates();
        assertThat(TestCloud.counters().toString()).contains("volumes.list");
    }

    @Test
    void listsEveryVolumeWhenAPagesMarkerIsDeletedBetweenPages() {
        Clouds.cloud().generated(3, 401).load();
        TestCloud.faults(new FaultSettings(null, null, null, null,
                Map.of("volumes.list", new FaultSettings.VanishingMarker(1))));

        List<CloudVolume> listed = client.inventory().volumes();

        TestCloud.faults(new FaultSettings(null, null, null, null));
        List<String> stillThere = client.inventory().volumes().stream().map(CloudVolume::id).toList();
        assertThat(stillThere).hasSize(1202);
        assertThat(listed).extracting(CloudVolume::id).doesNotHaveDuplicates().containsAll(stillThere);
    }

    @Test
    void failsTheListingInsteadOfReturningPartOfItWhenMarkersKeepVanishing() {
        Clouds.cloud().generated(3, 401).load();
        TestCloud.faults(new FaultSettings(null, null, null, null,
                Map.of("volumes.list", new FaultSettings.VanishingMarker(null))));
        int vanishedBefore = TestCloud.counters().path("volumes.list").path("404").asInt();

        assertThatThrownBy(() -> client.inventory())
                .isInstanceOfSatisfying(CinderException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).startsWith("volumes.list failed (404): the paging marker vanished");
                });
        assertThat(TestCloud.counters().path("volumes.list").path("404").asInt() - vanishedBefore)
                .isEqualTo(OpenStackClient.MAX_MARKER_RESTARTS + 1);
    }

    @Test
    void pagesServersPastOneThousandSoEveryAttachedVmHasItsName() {
        // Over 1000 attached servers: Nova answers at most 1000 per page, the rest comes with limit + marker.
        Clouds.cloud().generatedWithRoles(26, 200).load();

        CloudInventory inventory = client.inventory();

        assertThat(inventory.volumes()).hasSize(5200);
        assertThat(inventory.serverNames()).hasSizeGreaterThan(1000);
        assertThat(inventory.volumes()).flatExtracting(CloudVolume::serverIds)
                .allSatisfy(serverId -> assertThat(inventory.serverNames()).containsKey(serverId));
    }

    @Test
    void readsQuotaWithUsage() {
        QuotaUsage quota = client.quotaUsage(P1);

        assertThat(quota.snapshots().limit()).isEqualTo(7);
        assertThat(quota.snapshots().inUse()).isEqualTo(1);
        assertThat(quota.snapshots().room()).isEqualTo(6);
        assertThat(quota.gigabytes().limit()).isEqualTo(100);
        assertThat(quota.gigabytes().inUse()).isEqualTo(40);
    }

    @Test
    void createsInTheVolumesOwnProjectListsByVolumeAndDeletes() {
        CloudSnapshot created = client.createSnapshot(P1, V2, "n", Map.of("created_by", "snapshot-manager"))
                .orElseThrow();

        assertThat(created.status()).isEqualTo("creating");
        assertThat(TestCloud.snapshots(V2)).singleElement()
                .satisfies(s -> assertThat(s.get("project_id").asText()).isEqualTo(P1));
        assertThat(client.snapshotsOfVolume(P1, V2)).extracting(CloudSnapshot::id).containsExactly(created.id());
        assertThat(client.snapshotsOfVolume(P1, V1)).extracting(CloudSnapshot::id).containsExactly("s-1");
        assertThat(client.deleteSnapshot(P1, "s-1").accepted()).isTrue();
    }

    @Test
    void answersEmptyForAVolumeThatIsGone() {
        assertThat(client.createSnapshot(P1, "00000000-0000-4000-8000-00000000dead", "n", Map.of())).isEmpty();
        assertThat(client.snapshot(P1, "no-such-snapshot")).isEmpty();
    }

    @Test
    void reportsAFailedDeleteWithCinderCodeAndFault() {
        CloudSnapshot creating = client.createSnapshot(P1, V1, "n", Map.of()).orElseThrow();
        TestCloud.faults(new FaultSettings(null, null, null, new FaultSettings.SnapshotFaults(0, 0, 1.0, 0, 0)));
        CloudSnapshot stuck = client.createSnapshot(P1, V1, "stuck", Map.of()).orElseThrow();

        DeleteOutcome outcome = client.deleteSnapshot(P1, stuck.id());

        assertThat(creating.id()).isNotEqualTo(stuck.id());
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.code()).isEqualTo(400);
        assertThat(outcome.fault()).contains("must be available or error");
    }

    @Test
    void throwsQuotaExceededOn413() {
        Clouds.cloud().project(P1, "alpha", Map.of("snapshots", 0)).volume(V1, "d", P1, 1).load();

        assertThatThrownBy(() -> client.createSnapshot(P1, V1, "n", Map.of()))
                .isInstanceOfSatisfying(CinderException.class, e -> assertThat(e.isQuotaExceeded()).isTrue());
    }

    @Test
    void retriesTransientFailuresOfReads() {
        TestCloud.faults(new FaultSettings(null, null,
                Map.of("snapshots.list", List.of(new FaultSettings.ErrorRule(503, 1.0, 2))), null));

        assertThat(client.snapshotsOfVolume(P1, V1)).hasSize(1);
    }

    @Test
    void givesUpOnTransientFailuresAfterTheConfiguredRetries() {
        TestCloud.faults(new FaultSettings(null, null,
                Map.of("snapshots.list", List.of(new FaultSettings.ErrorRule(500, 1.0, null))), null));

        assertThatThrownBy(() -> client.snapshotsOfVolume(P1, V1))
                .isInstanceOfSatisfying(CinderException.class, e -> assertThat(e.status()).isEqualTo(500));
    }

    @Test
    void authenticatesAgainWhenTokensExpireMidRun() {
        assertThat(client.snapshotsOfVolume(P1, V1)).hasSize(1);
        TestCloud.expireTokens();

        assertThat(client.snapshotsOfVolume(P1, V1)).hasSize(1);
        assertThat(client.inventory().volumes()).hasSize(3);
    }

    @Test
    void failsClearlyWhenTheServiceUserHasNoRoleInTheProject() {
        Clouds.cloud().project(P1, "alpha").withoutRole(P1).volume(V1, "d", P1, 1).load();

        assertThatThrownBy(() -> client.createSnapshot(P1, V1, "n", Map.of()))
                .isInstanceOfSatisfying(CinderException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("no role in project " + P1);
                });
    }
}
