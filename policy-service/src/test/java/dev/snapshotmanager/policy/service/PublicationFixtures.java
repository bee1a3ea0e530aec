package dev.snapshotmanager.policy.service;

import static dev.snapshotmanager.policy.Fixtures.as;

import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.TenantRef;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.events.VolumePoliciesV1;
import dev.snapshotmanager.policy.ContractTopic;
import dev.snapshotmanager.policy.Fixtures;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Volumes in the inventory projection, and what the volume-policies pass wrote, for the publisher's tests (and the
 * resources' tests that need a volume the inventory knows).
 */
public final class PublicationFixtures {

    private PublicationFixtures() {
    }

    public static VolumeInventoryV1 inventory(String volumeId, String project, String name,
            Map<String, String> metadata) {
        return new VolumeInventoryV1(volumeId, name, "in-use", 20, "ssd", false, metadata,
                new TenantRef("d1", "Default", project, "acme"), new ServerRef("srv-" + volumeId, "vm-" + volumeId),
                List.of("srv-" + volumeId), Instant.parse("2026-01-01T00:00:00Z"), Instant.now());
    }

    /** A new volume of this project in the inventory projection (applied as the consumer does); its id. */
    static String inventoryVolume(String project, String name, Map<String, String> metadata) {
        String id = Fixtures.unique("vol");
        Arc.container().instance(InventoryService.class).get().apply(id, inventory(id, project, name, metadata),
                "test:" + UUID.randomUUID());
        return id;
    }

    public static String inventoryVolume(String project) {
        return inventoryVolume(project, Fixtures.unique("disk"), Map.of());
    }

    /** Sends an inventory record (null = tombstone) to the real inventory topic, with CloudEvents headers. */
    static void sendInventory(String key, VolumeInventoryV1 value) {
        ContractTopic.send(EventType.VOLUME_INVENTORY, key, value);
    }

    /** The VolumePoliciesV1 events the passes wrote to the outbox for this volume, oldest first. */
    static List<VolumePoliciesV1> outboxEvents(String volumeId) {
        List<VolumePoliciesV1> out = new ArrayList<>();
        query("SELECT payload FROM outbox_event WHERE message_key = ? AND event_type = ? ORDER BY seq", q -> {
            q.setString(1, volumeId);
            q.setString(2, EventType.VOLUME_POLICIES.type());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(EventJson.fromJson(r.getString(1), VolumePoliciesV1.class));
                }
            }
        });
        return out;
    }

    /** The latest event of this volume in the outbox. */
    static VolumePoliciesV1 lastEvent(String volumeId) {
        List<VolumePoliciesV1> events = outboxEvents(volumeId);
        if (events.isEmpty()) {
            throw new AssertionError("no volume-policies event for " + volumeId);
        }
        return events.get(events.size() - 1);
    }

    /** Whether the volume has a row in the publication table. */
    static boolean hasPublicationRow(String volumeId) {
        boolean[] found = new boolean[1];
        query("SELECT 1 FROM volume_policy_publication WHERE volume_id = ?", q -> {
            q.setString(1, volumeId);
            try (ResultSet r = q.executeQuery()) {
                found[0] = r.next();
            }
        });
        return found[0];
    }

    /** Runs plain SQL (autocommit) on the service's database. */
    static void sql(String statement) {
        query(statement, PreparedStatement::execute);
    }

    /** Turns autoApply off on every GLOBAL set (through the API), so that a volume can be uncovered. */
    static void withoutGlobalDefaultSets() {
        String cursor = null;
        do {
            var request = as("admin").queryParam("scope", "GLOBAL").queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/policy-sets").then().statusCode(200).extract();
            List<Map<String, Object>> items = page.path("items");
            for (Map<String, Object> set : items) {
                if (Boolean.TRUE.equals(set.get("autoApply"))) {
                    as("admin").body(Map.of("autoApply", false)).patch("/api/v1/policy-sets/" + set.get("id"))
                            .then().statusCode(200);
                }
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
    }

    interface Statement {
        void run(PreparedStatement q) throws SQLException;
    }

    private static void query(String sql, Statement statement) {
        try (Connection c = Arc.container().instance(DataSource.class).get().getConnection();
                PreparedStatement q = c.prepareStatement(sql)) {
            statement.run(q);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
