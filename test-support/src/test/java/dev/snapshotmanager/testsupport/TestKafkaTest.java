package dev.snapshotmanager.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServersExtension.class)
class TestKafkaTest {

    @Test
    void producesAndConsumesThroughTheRealBroker(TestKafka kafka) throws Exception {
        String topic = "proof-" + UUID.randomUUID();
        kafka.createTopic(topic, 3, false);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "proof",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (values.size() < 10 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    }

    @Test
    void createsCompactedTopics(TestKafka kafka) throws Exception {
        String topic = "proof-compacted-" + UUID.randomUUID();
        kafka.createTopic(topic, 1, true);
        kafka.createTopic(topic, 1, true); // a second call is harmless
        try (Admin admin = kafka.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            String policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void hasTheContractTopicsWithCompactionWhereTheContractSaysSo(TestKafka kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get()).contains(Topics.RUN_REQUESTED, Topics.VOLUME_TASKS,
                    Topics.VOLUME_RESULTS, Topics.deadLetter(Topics.VOLUME_RESULTS), Topics.VOLUME_INVENTORY);
            ConfigResource inventory = new ConfigResource(ConfigResource.Type.TOPIC, Topics.VOLUME_INVENTORY);
            assertThat(admin.describeConfigs(List.of(inventory)).all().get().get(inventory)
                    .get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(Topics.VOLUME_TASKS)).allTopicNames().get()
                    .get(Topics.VOLUME_TASKS).partitions()).hasSize(3);
        }
    }

    @Test
    void isOneBrokerPerJvm(TestKafka kafka) {
        assertThat(TestKafka.get().bootstrapServers()).isEqualTo(kafka.bootstrapServers());
    }
}
