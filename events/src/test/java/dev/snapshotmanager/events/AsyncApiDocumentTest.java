package dev.snapshotmanager.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AsyncAPI document parses and agrees with Topics, EventType and the schema files. */
class AsyncApiDocumentTest {

    private static final String RESOURCE = "asyncapi/snapshot-manager.asyncapi.yaml";
    private static JsonNode document;

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
    }

    @Test
    void hasAChannelForEveryTopicAndNoOther() {
        List<String> addresses = new ArrayList<>();
        document.get("channels").forEach(channel -> addresses.add(channel.path("address").asText()));

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(TopicNames.all());
    }

    @Test
    void bindsEachChannelToItsKafkaTopic() {
        document.get("channels").forEach(channel -> assertThat(channel.at("/bindings/kafka/topic").asText())
                .isEqualTo(channel.path("address").asText()));
    }

    @Test
    void declaresEveryCloudEventsTypeOnceAsAHeaderConstant() {
        List<String> types = new ArrayList<>();
        document.at("/components/messages").forEach(message -> message.at("/headers/allOf").forEach(
                part -> {
                    JsonNode type = part.at("/properties/ce_type/const");
                    if (!type.isMissingNode()) {
                        types.add(type.asText());
                    }
                }));

        assertThat(types).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(EventType::type).toList());
    }

    @Test
    void eachEventMessageUsesTheSchemaOfItsEventType() {
        for (EventType type : EventType.values()) {
            JsonNode message = messageOfType(type);
            assertThat(message.at("/payload/schema/$ref").asText()).as(type.name())
                    .isEqualTo("../" + type.schemaResource());
            assertThat(message.at("/headers/allOf/1/properties/ce_dataschema/const").asText()).as(type.name())
                    .isEqualTo(type.dataSchema());
        }
    }

    @Test
    void everyChannelHasAProducerAndAConsumer() {
        document.get("channels").fieldNames().forEachRemaining(channel -> {
            Set<String> actions = new HashSet<>();
            document.get("operations").forEach(operation -> {
                if (operation.at("/channel/$ref").asText().equals("#/channels/" + channel)) {
                    actions.add(operation.path("action").asText());
                }
            });
            assertThat(actions).as(channel).containsExactlyInAnyOrder("send", "receive");
        });
    }

    @Test
    void compactedTopicsAreTheOnesWithTombstones() {
        List<String> compacted = new ArrayList<>();
        document.get("channels").forEach(channel -> {
            boolean isCompacted = texts(channel.at("/bindings/kafka/topicConfiguration/cleanup.policy"))
                    .contains("compact");
            boolean hasTombstone = fieldNames(channel.get("messages")).stream()
                    .anyMatch(name -> name.endsWith("Tombstone"));
            assertThat(hasTombstone).as(channel.path("address").asText()).isEqualTo(isCompacted);
            if (isCompacted) {
                compacted.add(channel.path("address").asText());
            }
        });

        assertThat(compacted).containsExactlyInAnyOrder(Topics.POLICY_CHANGED, Topics.VOLUME_INVENTORY,
                Topics.VOLUME_POLICIES);
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (ref.startsWith("#")) {
                assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            } else {
                String resource = URI.create(RESOURCE).resolve(ref).toString();
                assertThat(getClass().getClassLoader().getResource(resource)).as(ref).isNotNull();
            }
        }
    }

    private static JsonNode messageOfType(EventType type) {
        for (JsonNode message : iterable(document.at("/components/messages"))) {
            if (type.type().equals(message.at("/headers/allOf/1/properties/ce_type/const").asText())) {
                return message;
            }
        }
        throw new AssertionError("no message of type " + type.type());
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
