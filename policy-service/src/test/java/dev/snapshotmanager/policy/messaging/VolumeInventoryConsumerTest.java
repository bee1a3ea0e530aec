package dev.snapshotmanager.policy.messaging;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.asTenant;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static dev.snapshotmanager.policy.Fixtures.tenantSet;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.policy.ContractTopic;
import dev.snapshotmanager.policy.Fixtures;
import dev.snapshotmanager.testsupport.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** The volume projection from the real inventory topic, and the volume endpoints on top of it. */
@QuarkusTest
class VolumeInventoryConsumerTest {

    private static VolumeInventoryV1 inventory(String id, String project, String name, Instant observedAt,
            Map<String, String> metadata) {
        return new VolumeInventoryV1(id, name, "in-use", 20, "ssd", false, metadata,
                new TenantRef("d1", "Default", project, "acme"), new ServerRef("srv-" + id, "vm-" + id),
                List.of("srv-" + id), Instant.parse("2026-01-01T00:00:00Z"), observedAt);
    }

    private static void send(String key, VolumeInventoryV1 value) {
        ContractTopic.send(EventType.VOLUME_INVENTORY, key, value);
    }

    @Test
    void projectsVolumesAndExplainsTheirEffectivePolicy() {
        String project = tenant();
        String set = tenantSet(project).with("autoApply", true).create();
        String protectedVolume = Fixtures.unique("vol");
        String optedOut = Fixtures.unique("vol");
        Instant now = Instant.now();
        send(protectedVolume, inventory(protectedVolume, project, "db-1", now, Map.of()));
        send(optedOut, inventory(optedOut, project, "scratch", now, Map.of("auto_snapshot", "no")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("viewer")
                .get("/api/v1/volumes/" + optedOut + "/effective-policy").then().statusCode(200));
        as("viewer").get("/api/v1/volumes/" + protectedVolume + "/effective-policy").then().statusCode(200)
                .body("decidedBy", equalTo("TENANT_SET")).body("policySetId", equalTo(set));
        as("viewer").queryParam("projectId", project).get("/api/v1/volumes").then().statusCode(200)
                .body("items", hasSize(2));
        as("viewer").queryParam("projectId", project).queryParam("protected", false).get("/api/v1/volumes")
                .then().body("items", hasSize(1)).body("items[0].id", equalTo(optedOut))
                .body("items[0].resolution.decidedBy", equalTo("METADATA"));
        as("viewer").queryParam("projectId", project).queryParam("q", "DB").get("/api/v1/volumes")
                .then().body("items", hasSize(1)).body("items[0].serverId", equalTo("srv-" + protectedVolume));
        asTenant("viewer", tenant()).get("/api/v1/volumes/" + protectedVolume + "/effective-policy").then()
                .statusCode(404);
        asTenant("viewer", tenant()).queryParam("projectId", project).get("/api/v1/volumes").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("detail", containsString(project));
        asTenant("viewer", project).queryParam("projectId", project).get("/api/v1/volumes").then().statusCode(200)
                .body("items", hasSize(2));
    }

    @Test
    void aTombstoneRemovesAVolumeAndAnOlderObservationChangesNothing() {
        String project = tenant();
        String volume = Fixtures.unique("vol");
        Instant now = Instant.now();
        send(volume, inventory(volume, project, "newer", now, Map.of()));
        send(volume, inventory(volume, project, "older", now.minusSeconds(60), Map.of()));
        String marker = Fixtures.unique("vol");
        send(marker, inventory(marker, project, "marker", now, Map.of()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("viewer")
                .get("/api/v1/volumes/" + marker + "/effective-policy").then().statusCode(200));
        as("viewer").queryParam("projectId", project).queryParam("q", "newer").get("/api/v1/volumes").then()
                .body("items", hasSize(1));

        send(volume, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("viewer")
                .get("/api/v1/volumes/" + volume + "/effective-policy").then().statusCode(404));
    }

    @Test
    void anObservationDatedAheadOfThisServicesClockDoesNotHideTheVolumesLaterObservations() {
        String project = tenant();
        String volume = Fixtures.unique("vol");
        // a worker whose clock runs two days ahead ...
        send(volume, inventory(volume, project, "seen-ahead", Instant.now().plus(Duration.ofDays(2)), Map.of()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("viewer").queryParam("projectId", project)
                .get("/api/v1/volumes").then().statusCode(200).body("items[0].name", equalTo("seen-ahead")));
        // ... then one with a right clock sees the volume renamed: the later observation counts
        send(volume, inventory(volume, project, "renamed", Instant.now(), Map.of()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("viewer").queryParam("projectId", project)
                .get("/api/v1/volumes").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].name", equalTo("renamed")));
    }

    @Test
    void aVolumeTooLargeForAnIndexGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String project = tenant();
        String tooLarge = Fixtures.unique("vol");
        String after = Fixtures.unique("vol");
        // a name beyond PostgreSQL's largest index row (2704 bytes; random, so that it does not compress): the volume
        // cannot be stored (54000), however often it is tried
        byte[] random = new byte[6000];
        new Random(42).nextBytes(random);
        String hugeName = Base64.getEncoder().encodeToString(random);
        // one partition: the second record is behind the first
        ContractTopic.send(EventType.VOLUME_INVENTORY, 0, tooLarge,
                inventory(tooLarge, project, hugeName, Instant.now(), Map.of()));
        ContractTopic.send(EventType.VOLUME_INVENTORY, 0, after,
                inventory(after, project, "after", Instant.now(), Map.of()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("viewer")
                .get("/api/v1/volumes/" + after + "/effective-policy").then().statusCode(200));
        as("viewer").get("/api/v1/volumes/" + tooLarge + "/effective-policy").then().statusCode(404);
        awaitDeadLetter(tooLarge);
    }

    @Test
    void aVolumeFiledUnderAnotherKeyGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String project = tenant();
        String misfiled = Fixtures.unique("vol");
        String otherKey = Fixtures.unique("vol");
        String after = Fixtures.unique("vol");
        // compaction and otherKey's tombstone would act on a row this record is not about
        ContractTopic.send(EventType.VOLUME_INVENTORY, 0, otherKey,
                inventory(misfiled, project, "misfiled", Instant.now(), Map.of()));
        ContractTopic.send(EventType.VOLUME_INVENTORY, 0, after,
                inventory(after, project, "after", Instant.now(), Map.of()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("viewer")
                .get("/api/v1/volumes/" + after + "/effective-policy").then().statusCode(200));
        awaitDeadLetter(otherKey);
        as("viewer").get("/api/v1/volumes/" + misfiled + "/effective-policy").then().statusCode(404);
        as("viewer").get("/api/v1/volumes/" + otherKey + "/effective-policy").then().statusCode(404);
    }

    private static void awaitDeadLetter(String key) {
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.get().consumer("test-dlq-", new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.VOLUME_INVENTORY)));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(r.key())) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with key " + key);
    }
}
