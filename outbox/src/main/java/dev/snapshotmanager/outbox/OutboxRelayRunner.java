package dev.snapshotmanager.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link OutboxRelay} on one background thread: woken by commits, polling otherwise, backing off
 * exponentially while the broker is unreachable, and pruning old published rows.
 */
@ApplicationScoped
public class OutboxRelayRunner {

    private static final Logger LOG = Logger.getLogger(OutboxRelayRunner.class);

    @Inject
    OutboxConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    OutboxWakeUp wakeUp;

    @Inject
    MeterRegistry registry;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    private volatile boolean running;
    private Thread thread;
    private Producer<String, byte[]> producer;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("outbox relay disabled on this instance");
            return;
        }
        producer = new KafkaProducer<>(producerConfig());
        OutboxRelay relay = new OutboxRelay(dataSource, producer,
                dev.snapshotmanager.events.CloudEventAttributes.sourceOf(applicationName), config.sendTimeout());
        FunctionCounter.builder("snapshot_outbox_parked_total", relay, OutboxRelay::parked)
                .description("outbox events the broker can never take, set aside (outbox_event.parked_at)")
                .register(registry);
        running = true;
        thread = new Thread(() -> loop(relay), "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void loop(OutboxRelay relay) {
        Counter published = registry.counter("snapshot_outbox_published_total");
        Counter failures = registry.counter("snapshot_outbox_failures_total");
        long backoff = 0;
        Instant nextPrune = Instant.now();
        while (running) {
            try {
                int sent;
                do {
                    sent = relay.publishBatch(config.batchSize());
                    published.increment(sent);
                } while (sent > 0 && running);
                backoff = 0;
                if (Instant.now().isAfter(nextPrune)) {
                    relay.prunePublishedBefore(Instant.now().minus(config.retention()));
                    nextPrune = Instant.now().plusSeconds(600);
                }
                wakeUp.await(config.pollInterval().toMillis());
            } catch (OutboxRelayException e) {
                failures.increment();
                backoff = Math.min(Math.max(200, backoff * 2), config.maxBackoff().toMillis());
                LOG.warnf("outbox relay: %s (%s); retrying in %d ms", e.getMessage(),
                        e.getCause() == null ? "" : e.getCause().getMessage(), backoff);
                sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                LOG.error("outbox relay failed unexpectedly; retrying", e);
                sleep(config.maxBackoff().toMillis());
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
        return props;
    }
}
