package dev.snapshotmanager.run;

import static dev.snapshotmanager.run.RunTrackingTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.common.security.CallerContext;
import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.outbox.OutboxRelay;
import dev.snapshotmanager.outbox.OutboxRelayException;
import dev.snapshotmanager.run.service.RunService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The outbox survives a broker outage: a run requested while the broker is down is published once it is back, at
 * least once, keyed by the run id, with CloudEvents headers, exactly as the run row says.
 *
 * <p>The JVM's shared broker must stay up (every test class uses it), so the outage happens on a second broker of
 * this test ({@link OutageBroker}), served by a second {@link OutboxRelay} configured like the service's. So that
 * the service's own relay does not publish the run's events to the shared broker first, the request's transaction
 * puts {@code outbox_outage} first on its search path ({@code SET LOCAL}, undone at commit): the run row lands in
 * {@code run.run} as always, and the outbox rows, written by the unchanged service code in the same transaction, in
 * {@code outbox_outage.outbox_event}, which only the second relay reads.
 */
@QuarkusTest
class OutboxBrokerOutageTest {

    static final String OUTAGE_SCHEMA = "outbox_outage";

    @Inject
    Runs runs;

    @Inject
    RunService service;

    @Inject
    EntityManager entityManager;

    @Inject
    DataSource dataSource;

    @Test
    void aRunRequestedWhileTheBrokerIsDownIsPublishedAfterItComesBack() throws Exception {
        createOutageOutbox();
        try (OutageBroker broker = OutageBroker.start(List.of(Topics.RUN_REQUESTED, Topics.RUN_LIFECYCLE));
                KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
            OutboxRelay relay = new OutboxRelay(outageOutbox(), producer,
                    CloudEventAttributes.sourceOf("run-service"), Duration.ofSeconds(5));
            assertThat(relay.publishBatch(100)).isZero();

            broker.stopBroker();
            UUID id = requestRunWritingTheOutboxTo(runs.knownPolicy());
            assertThat(pending(id)).isEqualTo(2);
            assertThatThrownBy(() -> relay.publishBatch(100)).isInstanceOf(OutboxRelayException.class);
            assertThat(pending(id)).isEqualTo(2);

            broker.startBroker();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> publishOnce(relay));
            assertThat(pending(id)).isZero();
            // published by this test's relay only: the service's relay never saw these outbox rows
            assertThat(KafkaProbe.count(Topics.RUN_REQUESTED, r -> id.toString().equals(r.key()))).isZero();

            List<ConsumerRecord<String, byte[]>> requested = read(broker, Topics.RUN_REQUESTED, id);
            assertThat(requested).isNotEmpty();
            JsonPath row = run(id);
            for (ConsumerRecord<String, byte[]> record : requested) {
                assertThat(record.key()).isEqualTo(id.toString());
                CloudEventAttributes ce = CloudEventHeaders.read(record.headers()).orElseThrow();
                assertThat(ce.type()).isEqualTo(EventType.RUN_REQUESTED.type());
                assertThat(ce.subject()).isEqualTo(id.toString());
                assertThat(ce.source()).isEqualTo(CloudEventAttributes.sourceOf("run-service"));
                assertThat(KafkaProbe.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
                assertThat(ce.id()).isEqualTo(outboxId(id, EventType.RUN_REQUESTED));
                assertMatchesRow(EventJson.fromJson(record.value(), RunRequestedV1.class), row);
            }
            List<ConsumerRecord<String, byte[]>> lifecycle = read(broker, Topics.RUN_LIFECYCLE, id);
            RunLifecycleV1 announced = EventJson.fromJson(lifecycle.get(0).value(), RunLifecycleV1.class);
            assertThat(announced.event()).isEqualTo(LifecycleEvent.REQUESTED);
            assertThat(announced.status().name()).isEqualTo(row.getString("status"));
        } finally {
            dropOutageOutbox();
        }
    }

    static void assertMatchesRow(RunRequestedV1 event, JsonPath row) {
        assertThat(event.runId().toString()).isEqualTo(row.getString("id"));
        assertThat(event.policy().policySetId().toString()).isEqualTo(row.getString("policy.policySetId"));
        assertThat(event.policy().policySetName()).isEqualTo(row.getString("policy.policySetName"));
        assertThat(event.policy().policyName()).isEqualTo(row.getString("policy.policyName"));
        assertThat(event.slot()).isEqualTo(Instant.parse(row.getString("slot")));
        assertThat(event.dryRun()).isEqualTo(row.getBoolean("dryRun"));
        assertThat(event.trigger().name()).isEqualTo(row.getString("trigger"));
        assertThat(event.requestedBy()).isEqualTo(row.getString("requestedBy"));
        assertThat(event.reason()).isEqualTo(row.getString("reason"));
        assertThat(event.requestedAt()).isEqualTo(Instant.parse(row.getString("requestedAt")));
        assertThat(event.scope()).isNull();
        assertThat(row.getString("scope")).isNull();
    }

    /** The service's own request path, in a transaction whose outbox rows go to {@value #OUTAGE_SCHEMA}. */
    UUID requestRunWritingTheOutboxTo(Fixtures.PolicySet set) {
        QuarkusMock.installMockForType(new CallerContext() {
            @Override
            public String name() {
                return "olga";
            }

            @Override
            public Set<String> roles() {
                return Set.of("viewer", "operator", "admin");
            }

            @Override
            public boolean hasRole(String role) {
                return roles().contains(role);
            }

            @Override
            public Optional<Set<String>> tenants() {
                return Optional.empty();
            }
        }, CallerContext.class);
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("SET LOCAL search_path TO " + OUTAGE_SCHEMA + ", run").executeUpdate();
            return service.request(new RunService.Request(set.id, set.policyName, false, null,
                    "requested during a broker outage", RunTrigger.API)).id();
        });
    }

    static boolean publishOnce(OutboxRelay relay) {
        try {
            return relay.publishBatch(100) > 0;
        } catch (OutboxRelayException e) {
            return false;
        }
    }

    PGSimpleDataSource outageOutbox() {
        var config = ConfigProvider.getConfig();
        PGSimpleDataSource outbox = new PGSimpleDataSource();
        outbox.setURL(config.getValue("quarkus.datasource.jdbc.url", String.class));
        outbox.setUser(config.getValue("quarkus.datasource.username", String.class));
        outbox.setPassword(config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
        outbox.setCurrentSchema(OUTAGE_SCHEMA);
        return outbox;
    }

    void createOutageOutbox() throws Exception {
        execute("CREATE SCHEMA IF NOT EXISTS " + OUTAGE_SCHEMA + "; CREATE TABLE IF NOT EXISTS " + OUTAGE_SCHEMA
                + ".outbox_event (LIKE run.outbox_event INCLUDING ALL)");
    }

    void dropOutageOutbox() throws Exception {
        execute("DROP SCHEMA IF EXISTS " + OUTAGE_SCHEMA + " CASCADE");
    }

    void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    int pending(UUID id) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + OUTAGE_SCHEMA
                        + ".outbox_event WHERE published_at IS NULL AND message_key = '" + id + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    String outboxId(UUID id, EventType type) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id FROM " + OUTAGE_SCHEMA + ".outbox_event "
                        + "WHERE message_key = '" + id + "' AND event_type = '" + type.type() + "'")) {
            assertThat(rs.next()).as("outbox row of " + type).isTrue();
            return rs.getString(1);
        }
    }

    static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        // as the service's relay (OutboxRelayRunner), with shorter timeouts
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4_000));
    }

    static List<ConsumerRecord<String, byte[]>> read(OutageBroker broker, String topic, UUID id) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaProbe.consumer(broker.bootstrapServers())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (found.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.toString().equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}
