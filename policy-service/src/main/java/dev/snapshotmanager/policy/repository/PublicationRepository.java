package dev.snapshotmanager.policy.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code volume_policy_publication} table: what was last published on {@code snapshot.volume-policies.v1} per
 * volume. Plain JDBC in the caller's transaction, in bulk (one query per chunk of volumes).
 */
@ApplicationScoped
public class PublicationRepository {

    /**
     * A volume's last publication.
     *
     * @param digest what was published, without resolvedAt and since (equal digest = nothing to publish)
     * @param since  per policy key ({@code <policySetId>/<policyName>}), since when it has been published
     */
    public record Publication(String volumeId, String projectId, String digest, Map<String, Instant> since,
            Instant publishedAt) {
    }

    private static final TypeReference<Map<String, String>> SINCE = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    /** The publications of these volumes, by volume id (volumes never published are absent). */
    public Map<String, Publication> find(Collection<String> volumeIds) {
        Map<String, Publication> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT volume_id, project_id, digest, since::text, "
                        + "published_at FROM volume_policy_publication WHERE volume_id = ANY (?)")) {
            q.setArray(1, c.createArrayOf("text", volumeIds.toArray()));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Map<String, Instant> since = new LinkedHashMap<>();
                    json.readValue(r.getString(4), SINCE).forEach((k, v) -> since.put(k, Instant.parse(v)));
                    out.put(r.getString(1), new Publication(r.getString(1), r.getString(2), r.getString(3), since,
                            r.getTimestamp(5).toInstant()));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not read the volume policy publications", e);
        }
        return out;
    }

    /** Inserts or replaces these publications (one batch). */
    public void save(List<Publication> publications) {
        if (publications.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement upsert = c.prepareStatement("INSERT INTO volume_policy_publication "
                        + "(volume_id, project_id, digest, since, published_at) VALUES (?, ?, ?, ?::jsonb, ?) "
                        + "ON CONFLICT (volume_id) DO UPDATE SET project_id = EXCLUDED.project_id, "
                        + "digest = EXCLUDED.digest, since = EXCLUDED.since, published_at = EXCLUDED.published_at")) {
            for (Publication p : publications) {
                Map<String, String> since = new LinkedHashMap<>();
                p.since().forEach((k, v) -> since.put(k, v.toString()));
                upsert.setString(1, p.volumeId());
                upsert.setString(2, p.projectId());
                upsert.setString(3, p.digest());
                upsert.setString(4, json.writeValueAsString(since));
                upsert.setTimestamp(5, Timestamp.from(p.publishedAt()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not save the volume policy publications", e);
        }
    }

    /**
     * Deletes up to {@code limit} publications whose volume is no longer in the inventory.
     *
     * @return the volume ids whose publication was deleted
     */
    public List<String> deleteGone(int limit) {
        List<String> gone = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM volume_policy_publication WHERE volume_id "
                        + "IN (SELECT p.volume_id FROM volume_policy_publication p WHERE NOT EXISTS "
                        + "(SELECT 1 FROM inventory_volume v WHERE v.volume_id = p.volume_id) LIMIT ?) "
                        + "RETURNING volume_id")) {
            delete.setInt(1, limit);
            try (ResultSet r = delete.executeQuery()) {
                while (r.next()) {
                    gone.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete the publications of removed volumes", e);
        }
        return gone;
    }
}
