package dev.snapshotmanager.emulator.openstack4j;

import dev.snapshotmanager.emulator.EmulatorTestBase;
import dev.snapshotmanager.emulator.model.Quota;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.Builders;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.ClientResponseException;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.storage.block.Volume;
import org.openstack4j.model.storage.block.VolumeSnapshot;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worker's snapshot flows, driven by the real openstack4j 3.12 client. */
class Openstack4jSnapshotFlowTest extends EmulatorTestBase {

    @Test
    void authenticatesWithPasswordAndFindsBlockStorageInTheCatalog() {
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");

        assertThat(os.getToken().getProject().getId()).isEqualTo(DEMO_PROJECT);
        assertThat(os.getToken().getCatalog()).extracting(s -> s.getType())
                .containsExactly("block-storage", "volumev3", "compute", "identity");
        List<? extends Volume> volumes = os.blockStorage().volumes().list();
        assertThat(volumes).extracting(Volume::getId)
                .containsExactlyInAnyOrder(DATA_VOLUME, BOOT_VOLUME, TAGGED_VOLUME, BROKEN_VOLUME);
        Volume boot = os.blockStorage().volumes().get(BOOT_VOLUME);
        assertThat(boot.bootable()).isTrue();
        assertThat(boot.getStatus()).isEqualTo(Volume.Status.IN_USE);
        assertThat(boot.getAttachments()).singleElement().satisfies(a -> assertThat(a.getServerId()).isEqualTo(WEB_SERVER));
        assertThat(boot.getTenantId()).isEqualTo(DEMO_PROJECT);
    }

    @Test
    void createsPollsListsByVolumeAndDeletesASnapshot() throws Exception {
        emulator.faults().snapshots(new dev.snapshotmanager.emulator.faults.FaultSettings.SnapshotFaults(
                200, 200, 0, 0, 0));
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");

        VolumeSnapshot created = os.blockStorage().snapshots().create(Builders.volumeSnapshot()
                .volume(DATA_VOLUME).name("nightly").metadata(Map.of("managed-by", "snapshot-manager")).build());

        assertThat(created.getStatus()).isEqualTo(Volume.Status.CREATING);
        assertThat(created.getName()).isEqualTo("nightly");
        assertThat(waitFor(os, created.getId(), Volume.Status.AVAILABLE)).isTrue();
        List<? extends VolumeSnapshot> ofVolume = os.blockStorage().snapshots().list(Map.of("volume_id", DATA_VOLUME));
        assertThat(ofVolume).extracting(VolumeSnapshot::getId).containsExactly(created.getId());
        assertThat(os.blockStorage().snapshots().list(Map.of("volume_id", TAGGED_VOLUME))).isEmpty();

        ActionResponse deleted = os.blockStorage().snapshots().delete(created.getId());

        assertThat(deleted.isSuccess()).isTrue();
        assertThat(os.blockStorage().snapshots().get(created.getId()).getStatus()).isEqualTo(Volume.Status.DELETING);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (os.blockStorage().snapshots().get(created.getId()) != null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(os.blockStorage().snapshots().get(created.getId())).isNull();
        assertThat(emulator.state().blockStorage().usage(DEMO_PROJECT).snapshots()).isZero();
    }

    @Test
    void rejectsADescriptionBecauseOpenstack4jSendsDisplayDescription() {
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");

        assertThatThrownBy(() -> os.blockStorage().snapshots().create(Builders.volumeSnapshot()
                .volume(DATA_VOLUME).name("n").description("d").build()))
                .isInstanceOfSatisfying(ClientResponseException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(
                            "Additional properties are not allowed ('display_description' was unexpected)");
                });
        assertThat(emulator.snapshots()).isEmpty();
    }

    @Test
    void answersQuotaExhaustionWith413() {
        emulator.state().blockStorage().setQuota(DEMO_PROJECT, Quota.DEFAULT.with("snapshots", 1));
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");
        os.blockStorage().snapshots().create(Builders.volumeSnapshot().volume(DATA_VOLUME).build());

        assertThatThrownBy(() -> os.blockStorage().snapshots().create(Builders.volumeSnapshot()
                .volume(TAGGED_VOLUME).build()))
                .isInstanceOfSatisfying(ClientResponseException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo(
                            "SnapshotLimitExceeded: Maximum number of snapshots allowed (1) exceeded");
                });
    }

    @Test
    void rejectsAnInUseVolumeWithoutForceButAcceptsItWithForce() {
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");

        assertThatThrownBy(() -> os.blockStorage().snapshots().create(Builders.volumeSnapshot()
                .volume(BOOT_VOLUME).build()))
                .isInstanceOfSatisfying(ClientResponseException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Invalid volume: Volume " + BOOT_VOLUME
                            + " status must be available, but current status is: in-use.");
                });
        VolumeSnapshot forced = os.blockStorage().snapshots().create(Builders.volumeSnapshot()
                .volume(BOOT_VOLUME).force(true).build());
        assertThat(forced.getVolumeId()).isEqualTo(BOOT_VOLUME);
    }

    @Test
    void returnsNullForUnknownAndForeignResources() {
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");

        assertThat(os.blockStorage().volumes().get(ALT_VOLUME)).isNull();
        assertThat(os.blockStorage().snapshots().get("00000000-0000-4000-8000-00000000dead")).isNull();
        assertThat(os.blockStorage().snapshots().create(Builders.volumeSnapshot()
                .volume("00000000-0000-4000-8000-00000000dead").build())).isNull();
        assertThat(os.compute().servers().get("00000000-0000-4000-8000-00000000dead")).isNull();
    }

    @Test
    void reportsAFailedDeleteAsAnActionResponse() {
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");
        emulator.faults().snapshots(new dev.snapshotmanager.emulator.faults.FaultSettings.SnapshotFaults(
                0, 0, 1.0, 0, 0));
        VolumeSnapshot stuck = os.blockStorage().snapshots().create(Builders.volumeSnapshot()
                .volume(DATA_VOLUME).build());

        ActionResponse inCreating = os.blockStorage().snapshots().delete(stuck.getId());
        ActionResponse unknown = os.blockStorage().snapshots().delete("00000000-0000-4000-8000-00000000dead");

        assertThat(inCreating.isSuccess()).isFalse();
        assertThat(inCreating.getCode()).isEqualTo(400);
        assertThat(inCreating.getFault()).contains("Snapshot status must be available or error");
        assertThat(unknown.isSuccess()).isFalse();
        assertThat(unknown.getCode()).isEqualTo(404);
    }

    @Test
    void updatesNameAndDescriptionThroughOpenstack4j() {
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");
        VolumeSnapshot created = os.blockStorage().snapshots().create(Builders.volumeSnapshot()
                .volume(DATA_VOLUME).name("before").build());

        ActionResponse updated = os.blockStorage().snapshots().update(created.getId(), "after", "why");

        assertThat(updated.isSuccess()).isTrue();
        VolumeSnapshot read = os.blockStorage().snapshots().get(created.getId());
        assertThat(read.getName()).isEqualTo("after");
        assertThat(read.getDescription()).isEqualTo("why");
    }

    @Test
    void findsTheServerOfAnAttachment() {
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");

        var server = os.compute().servers().get(WEB_SERVER);

        assertThat(server.getName()).isEqualTo("web-1");
        assertThat(server.getOsExtendedVolumesAttached()).containsExactly(BOOT_VOLUME);
    }

    private static boolean waitFor(OSClientV3 os, String id, Volume.Status status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            VolumeSnapshot s = os.blockStorage().snapshots().get(id);
            if (s != null && s.getStatus() == status) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
