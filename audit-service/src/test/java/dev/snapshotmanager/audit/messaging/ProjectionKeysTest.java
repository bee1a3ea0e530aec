package dev.snapshotmanager.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.fixtures.DeadLetters;
import dev.snapshotmanager.audit.fixtures.EventPublisher;
import dev.snapshotmanager.audit.fixtures.Inventory;
import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The compacted topics are keyed by the id of what each value describes: a policy set or a volume filed under another
 * key goes to the dead-letter topic (compaction and that key's tombstone would act on the wrong row), and the consumer
 * goes on. (volume-policies: {@code VolumePoliciesConsumerTest}.)
 */
@QuarkusTest
class ProjectionKeysTest {

    @Inject
    DataSource dataSource;

    @Test
    void aPolicySetFiledUnderAnotherKeyIsDeadLetteredAndTheNextIsApplied() throws Exception {
        String project = Records.uniqueProject();
        UUID misfiled = UUID.randomUUID();
        String otherKey = UUID.randomUUID().toString();
        UUID fine = UUID.randomUUID();
        try (KafkaConsumer<String, String> deadLetters = DeadLetters.of(Topics.POLICY_CHANGED);
                EventPublisher events = new EventPublisher()) {
            events.publishRaw(Topics.POLICY_CHANGED, 0, otherKey,
                    EventJson.toBytes(Inventory.tenantSet(misfiled, project, "daily", "0 2 * * *", true)));
            events.publish(Inventory.tenantSet(fine, project, "daily", "0 2 * * *", true), 0);

            awaitCount("SELECT count(*) FROM policy_projection WHERE policy_set_id = '" + fine + "'", 1);
            assertThat(awaitDeadLetter(deadLetters, otherKey).value()).contains(misfiled.toString());
            assertThat(count("SELECT count(*) FROM policy_projection WHERE policy_set_id IN ('" + misfiled + "', '"
                    + otherKey + "')")).isZero();
        }
    }

    @Test
    void aVolumeFiledUnderAnotherKeyIsDeadLetteredAndTheNextIsApplied() throws Exception {
        String project = Records.uniqueProject();
        String misfiled = "misfiled-" + project;
        String otherKey = "other-" + project;
        String fine = "fine-" + project;
        try (KafkaConsumer<String, String> deadLetters = DeadLetters.of(Topics.VOLUME_INVENTORY);
                EventPublisher events = new EventPublisher()) {
            events.publishRaw(Topics.VOLUME_INVENTORY, 0, otherKey,
                    EventJson.toBytes(Inventory.volume(misfiled, project, Map.of(), Instant.now())));
            events.publish(Inventory.volume(fine, project, Map.of(), Instant.now()), 0);

            awaitCount("SELECT count(*) FROM volume_projection WHERE volume_id = '" + fine + "'", 1);
            assertThat(awaitDeadLetter(deadLetters, otherKey).value()).contains(misfiled);
            assertThat(count("SELECT count(*) FROM volume_projection WHERE volume_id IN ('" + misfiled + "', '"
                    + otherKey + "')")).isZero();
        }
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(KafkaConsumer<String, String> deadLetters,
            String key) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            deadLetters.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.stream().anyMatch(r -> key.equals(r.key()));
        });
        return received.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }

    private void awaitCount(String sql, long expected) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count(sql) == expected);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
