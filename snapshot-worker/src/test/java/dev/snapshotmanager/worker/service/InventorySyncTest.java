package dev.snapshotmanager.worker.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.testsupport.security.TestTokens;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.support.Clouds;
import dev.snapshotmanager.worker.support.Topic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The volume inventory on the compacted topic: changed volumes only, tombstones, full resync on demand. */
@QuarkusTest
class InventorySyncTest {

    static final String P = "e0000000000000000000000000000001";
    static final String KEPT = "40000000-0000-4000-8000-000000000001";
    static final String VANISHING = "40000000-0000-4000-8000-000000000002";

    @Inject
    InventorySync sync;

    @Inject
    OpenStackClient cloud;

    @BeforeEach
    void cloud() {
        Clouds.cloud().project(P, "epsilon").volume(KEPT, "kept", P, 1).volume(VANISHING, "vanishing", P, 2).load();
    }

    private static List<Topic.Read<VolumeInventoryV1>> records(String volumeId, int expected) {
        return Topic.read(Topics.VOLUME_INVENTORY, VolumeInventoryV1.class, r -> volumeId.equals(r.key()),
                f -> f.size() >= expected, Duration.ofSeconds(20));
    }

    /** Everything on the topic for a volume (reads for a few seconds). */
    private static List<Topic.Read<VolumeInventoryV1>> all(String volumeId) {
        return Topic.read(Topics.VOLUME_INVENTORY, VolumeInventoryV1.class, r -> volumeId.equals(r.key()),
                f -> false, Duration.ofSeconds(4));
    }

    @Test
    void publishesOnlyChangedVolumesAndATombstoneForAVanishedOne() {
        sync.resync();
        int before = all(KEPT).size();

        InventorySync.Published unchanged = sync.publish(cloud.inventory(), false);
        Clouds.cloud().project(P, "epsilon").volume(KEPT, "kept", P, 1).load();
        InventorySync.Published afterDeletion = sync.publish(cloud.inventory(), false);

        assertThat(unchanged.changed()).isZero();
        assertThat(afterDeletion.changed()).isZero();
        assertThat(afterDeletion.tombstones()).isGreaterThanOrEqualTo(1);
        assertThat(records(VANISHING, 2)).last().satisfies(r -> {
            assertThat(r.payload()).isNull();
            assertThat(r.attributes().subject()).isEqualTo(VANISHING);
        });
        assertThat(all(KEPT)).hasSize(before);
    }

    @Test
    void aFullResyncRepublishesEveryVolumeForAnAdmin() {
        int before = all(KEPT).size();

        given().auth().oauth2(TestTokens.forRole("alice", "admin"))
                .when().post("/api/v1/inventory/resync")
                .then().statusCode(200).body("volumes", equalTo(2));

        assertThat(records(KEPT, before + 1)).hasSizeGreaterThan(before)
                .last().satisfies(r -> assertThat(r.payload().tenant().projectName()).isEqualTo("epsilon"));
    }

    @Test
    void refusesAResyncToOperatorsAndAnonymousCallers() {
        given().auth().oauth2(TestTokens.forRole("bob", "operator"))
                .when().post("/api/v1/inventory/resync")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().post("/api/v1/inventory/resync").then().statusCode(401);
    }
}
