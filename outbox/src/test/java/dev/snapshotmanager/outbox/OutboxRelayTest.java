package dev.snapshotmanager.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.testsupport.RealServersExtension;
import dev.snapshotmanager.testsupport.TestKafka;
import dev.snapshotmanager.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** The relay against the real PostgreSQL and the real Kafka broker. */
@ExtendWith(RealServersExtension.class)
class OutboxRelayTest {

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final TestKafka kafka;
    private final String topic = Topics.POLICY_CHANGED;

    OutboxRelayTest(TestPostgres postgres, TestKafka kafka) {
        this.kafka = kafka;
        dataSource.setUrl(postgres.freshDatabase("outbox_relay"));
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
    }

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/outbox").load().migrate();
    }

    @Test
    void publishesPendingEventsInOrderWithCloudEventHeadersAndMarksThemPublished() throws Exception {
        String key = UUID.randomUUID().toString();
        UUID first = insertPending(key, "{\"n\":1}");
        UUID second = insertPending(key, "{\"n\":2}");

        try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            int published = relay(producer).publishBatch(100);
            assertThat(published).isEqualTo(2);
        }

        List<ConsumerRecord<String, byte[]>> records = consume(key, 2);
        assertThat(records).extracting(r -> new String(r.value())).containsExactly("{\"n\":1}", "{\"n\":2}");
        CloudEventAttributes attributes = CloudEventHeaders.read(records.get(0).headers()).orElseThrow();
        assertThat(attributes.id()).isEqualTo(first.toString());
        assertThat(attributes.type()).isEqualTo(EventType.POLICY_CHANGED.type());
        assertThat(attributes.source()).isEqualTo("/snapshot-manager/test");
        assertThat(CloudEventHeaders.read(records.get(1).headers()).orElseThrow().id()).isEqualTo(second.toString());
        assertThat(pendingCount()).isZero();
    }

    @Test
    void keepsEventsPendingWhileTheBrokerIsUnreachableAndDeliversThemAfterwards() throws Exception {
        String key = UUID.randomUUID().toString();
        insertPending(key, "{\"survives\":true}");

        try (KafkaProducer<String, byte[]> deadBroker = producer("127.0.0.1:1")) {
            assertThatThrownBy(() -> relay(deadBroker).publishBatch(100)).isInstanceOf(OutboxRelayException.class);
        }
        assertThat(pendingCount()).isEqualTo(1);
        assertThat(attemptsOfPending()).isEqualTo(1);

        try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            assertThat(relay(producer).publishBatch(100)).isEqualTo(1);
        }
        assertThat(consume(key, 1)).extracting(r -> new String(r.value())).containsExactly("{\"survives\":true}");
        assertThat(pendingCount()).isZero();
    }

    @Test
    void parksARowTheBrokerCanNeverTakeAndPublishesTheRowsAfterIt() throws Exception {
        String key = UUID.randomUUID().toString();
        UUID tooLarge = insertPending(key, "{\"blob\":\"" + "x".repeat(1_200_000) + "\"}");
        UUID unknownType = insertPending(key, "{}", "snapshot.unknown.v9");
        insertPending(key, "{\"after\":true}");

        try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            OutboxRelay relay = relay(producer);
            assertThat(relay.publishBatch(100)).isEqualTo(1);
            assertThat(relay.parked()).isEqualTo(2);
            assertThat(relay.publishBatch(100)).isZero();
        }

        assertThat(consume(key, 1)).extracting(r -> new String(r.value())).containsExactly("{\"after\":true}");
        assertThat(pendingCount()).isZero();
        assertThat(parkedErrors()).containsOnlyKeys(tooLarge, unknownType)
                .hasEntrySatisfying(tooLarge, e -> assertThat(e).contains("RecordTooLarge"))
                .hasEntrySatisfying(unknownType, e -> assertThat(e).contains("snapshot.unknown.v9"));
    }

    @Test
    void relaysNothingWhileAnotherReplicaHoldsTheRelayLock() throws Exception {
        String key = UUID.randomUUID().toString();
        insertPending(key, "{\"n\":1}");
        try (Connection other = dataSource.getConnection();
                KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.outbox_event relay'))")) {
                lock.execute();
            }
            assertThat(relay(producer).publishBatch(100)).isZero();
            assertThat(pendingCount()).isEqualTo(1);

            other.commit();
            assertThat(relay(producer).publishBatch(100)).isEqualTo(1);
        }
        assertThat(consume(key, 1)).extracting(r -> new String(r.value())).containsExactly("{\"n\":1}");
    }

    @Test
    void relaysTombstonesAsNullValues() throws Exception {
        String key = UUID.randomUUID().toString();
        insertPending(key, null);
        try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            relay(producer).publishBatch(100);
        }
        assertThat(consume(key, 1)).singleElement().satisfies(r -> assertThat(r.value()).isNull());
    }

    @Test
    void prunesOnlyEventsPublishedBeforeTheCutoff() throws Exception {
        insertPending(UUID.randomUUID().toString(), "{}");
        try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            OutboxRelay relay = relay(producer);
            relay.publishBatch(100);
            insertPending(UUID.randomUUID().toString(), "{}");
            assertThat(relay.prunePublishedBefore(Instant.now().minusSeconds(3600))).isZero();
            assertThat(relay.prunePublishedBefore(Instant.now().plusSeconds(1))).isEqualTo(1);
        }
        assertThat(pendingCount()).isEqualTo(1);
    }

    private OutboxRelay relay(KafkaProducer<String, byte[]> producer) {
        return new OutboxRelay(dataSource, producer, "/snapshot-manager/test", Duration.ofSeconds(10));
    }

    private UUID insertPending(String key, String payload) throws SQLException {
        return insertPending(key, payload, EventType.POLICY_CHANGED.type());
    }

    private UUID insertPending(String key, String payload, String eventType) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO outbox_event (id, topic, message_key, event_type, subject, payload) VALUES (?,?,?,?,?,?)")) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, eventType);
            insert.setString(5, key);
            insert.setString(6, payload);
            insert.executeUpdate();
        }
        return id;
    }

    /** last_error of each parked row, by event id. */
    private Map<UUID, String> parkedErrors() throws SQLException {
        Map<UUID, String> errors = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT id, last_error FROM outbox_event WHERE parked_at IS NOT NULL AND published_at IS NULL");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                errors.put((UUID) rows.getObject(1), rows.getString(2));
            }
        }
        return errors;
    }

    private int pendingCount() throws SQLException {
        return queryInt("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL");
    }

    private int attemptsOfPending() throws SQLException {
        return queryInt("SELECT max(attempts) FROM outbox_event WHERE published_at IS NULL");
    }

    private int queryInt(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4_000));
    }

    /** Reads the topic from the start and returns the records under {@code key}, waiting for {@code expected}. */
    private List<ConsumerRecord<String, byte[]>> consume(String key, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }
}
