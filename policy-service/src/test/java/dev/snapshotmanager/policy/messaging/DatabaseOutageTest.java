package dev.snapshotmanager.policy.messaging;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.policy.ContractTopic;
import dev.snapshotmanager.policy.Fixtures;
import dev.snapshotmanager.testsupport.DatabaseOutage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage loses no inventory: a volume that arrives while the database is away is in the projection once
 * it is back (before, it was dead-lettered, and policy-service did not know the volume until the worker's next sync).
 */
@QuarkusTest
class DatabaseOutageTest {

    /** The test database of this module (see {@code RealServers}). */
    private static final String DATABASE = "policy";

    @Inject
    MeterRegistry registry;

    @Test
    void aVolumeArrivingDuringAnOutageIsProjectedAfterIt() {
        String project = tenant();
        String volume = Fixtures.unique("vol");
        VolumeInventoryV1 event = new VolumeInventoryV1(volume, "during-outage", "in-use", 20, "ssd", false, Map.of(),
                new TenantRef("d1", "Default", project, "acme"), new ServerRef("srv-" + volume, "vm-" + volume),
                List.of("srv-" + volume), Instant.parse("2026-01-01T00:00:00Z"), Instant.now());
        double before = retries();

        try (DatabaseOutage outage = DatabaseOutage.of(DATABASE)) {
            ContractTopic.send(EventType.VOLUME_INVENTORY, volume, event);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> retries() > before);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("viewer").queryParam("projectId", project)
                .get("/api/v1/volumes").then().statusCode(200).body("items[0].id", equalTo(volume))
                .body("items[0].name", equalTo("during-outage")));
    }

    /** {@code snapshot_database_retries_total{work="volume-inventory"}} (0 before the first repetition). */
    private double retries() {
        Counter counter = registry.find("snapshot.database.retries").tag("work", "volume-inventory").counter();
        return counter == null ? 0 : counter.count();
    }
}
