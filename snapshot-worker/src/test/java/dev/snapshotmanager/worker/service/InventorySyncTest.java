package dev.snapshotmanager.worker.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.testsupport.security.TestTokens;
import dev.snapshotmanager.worker.client.CloudInventory;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.support.Clouds;
import dev.snapshotmanager.worker.support.Topic;
import dev.snapshotmanager.worker.support.TopicTail;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The volume inventory on the compacted topic: changed volumes only, tombstones (also for volumes deleted while the
 * worker was down), full resync on demand.
 */
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

    private static void publishAsAnEarlierWorker(String volumeId) {
        Instant then = Instant.now().minusSeconds(3600);
        VolumeInventoryV1 volume = new VolumeInventoryV1(volumeId, "earlier", "available", 1, null, false, Map.of(),
                new TenantRef("default", "Default", P, "epsilon"), null, List.of(), then, then);
        Topic.publish(Topics.VOLUME_INVENTORY, volumeId, volume, CloudEventAttributes.of(EventType.VOLUME_INVENTORY,
                UUID.randomUUID().toString(), "/snapshot-manager/snapshot-worker", volumeId, then));
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
    void neverPublishesAListingOlderThanOneItPublishedAlready() throws InterruptedException {
        String createdMeanwhile = "40000000-0000-4000-8000-000000000003";
        CloudInventory older = cloud.inventory();
        Clouds.cloud().project(P, "epsilon").volume(KEPT, "kept", P, 3).volume(VANISHING, "vanishing", P, 2)
                .volume(createdMeanwhile, "created meanwhile", P, 1).load();
        CloudInventory newer = cloud.inventory();
        Set<String> keys = Set.of(KEPT, createdMeanwhile);

        InventorySync.Published stale;
        try (TopicTail<VolumeInventoryV1> tail = TopicTail.follow(Topics.VOLUME_INVENTORY, VolumeInventoryV1.class)) {
            sync.publish(newer, false);
            stale = sync.publish(older, false);

            await().atMost(Duration.ofSeconds(20)).until(() -> tail.seen(r -> keys.contains(r.key())).stream()
                    .map(seen -> seen.read().key()).collect(Collectors.toSet()).equals(keys));
            // Both publishes were acknowledged by the broker when they returned; give the tail time to see all.
            Thread.sleep(3_000);
            List<Topic.Read<VolumeInventoryV1>> seen = tail.seen(r -> keys.contains(r.key())).stream()
                    .map(TopicTail.Seen::read).toList();
            assertThat(seen).as("no older description, no tombstone").extracting(r -> r.key() + ":"
                    + (r.payload() == null ? "tombstone" : r.payload().sizeGb() + "GB"))
                    .containsExactlyInAnyOrder(KEPT + ":3GB", createdMeanwhile + ":1GB");
            assertThat(seen).allSatisfy(r -> {
                assertThat(r.payload().observedAt()).isEqualTo(newer.listedAt());
                assertThat(r.attributes().time()).isEqualTo(newer.listedAt());
            });
        }

        assertThat(older.listedAt()).isBefore(newer.listedAt());
        assertThat(stale.changed()).isZero();
        assertThat(stale.tombstones()).isZero();
    }

    @Test
    void tombstonesExactlyTheVolumesDeletedWhileTheWorkerWasDown() throws InterruptedException {
        // What an earlier incarnation of the worker published (this instance never saw these volumes).
        String deletedA = "40000000-0000-4000-8000-0000000000d1";
        String deletedB = "40000000-0000-4000-8000-0000000000d2";
        List<String> earlier = List.of(KEPT, deletedA, deletedB);
        earlier.forEach(InventorySyncTest::publishAsAnEarlierWorker);
        // Meanwhile, in the cloud: deletedA and deletedB are gone, VANISHING is new.

        InventorySync.Published result;
        List<Topic.Read<VolumeInventoryV1>> published;
        try (TopicTail<VolumeInventoryV1> tail = TopicTail.follow(Topics.VOLUME_INVENTORY, VolumeInventoryV1.class)) {
            result = sync.reconcile();
            // Everything is acknowledged by the broker when reconcile returns; the tail may need a moment.
            Set<String> expected = Set.of(KEPT, VANISHING, deletedA, deletedB);
            await().atMost(Duration.ofSeconds(20)).until(() -> tail.seen(r -> expected.contains(r.key())).stream()
                    .map(s -> s.read().key()).collect(Collectors.toSet()).equals(expected));
            published = tail.seen(r -> expected.contains(r.key())).stream().map(TopicTail.Seen::read).toList();
        }

        assertThat(result.tombstones()).isGreaterThanOrEqualTo(2);
        assertThat(published.stream().filter(r -> r.payload() == null).map(Topic.Read::key)
                .collect(Collectors.toList())).containsExactlyInAnyOrder(deletedA, deletedB);
        assertThat(published).filteredOn(r -> r.payload() != null).extracting(Topic.Read::key)
                .containsExactlyInAnyOrder(KEPT, VANISHING);
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
