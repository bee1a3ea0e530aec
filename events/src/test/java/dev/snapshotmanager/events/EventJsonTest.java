package dev.snapshotmanager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

    static Stream<Record> allRecords() {
        return EventFixtures.allRecords().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allRecords")
    void fixtureSetsEveryComponent(Record record) {
        assertFullyPopulated(record, record.getClass().getSimpleName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allRecords")
    void roundTripsThroughJson(Record record) {
        String json = EventJson.toJson(record);

        assertThat(EventJson.fromJson(json, record.getClass())).isEqualTo(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allRecords")
    void roundTripsThroughBytes(Record record) {
        byte[] json = EventJson.toBytes(record);

        assertThat(EventJson.fromJson(json, record.getClass())).isEqualTo(record);
    }

    @Test
    void writesTimesAsIso8601Strings() {
        JsonNode json = EventJson.mapper().valueToTree(EventFixtures.runRequested());

        assertThat(json.get("slot").isTextual()).isTrue();
        assertThat(json.get("slot").asText()).isEqualTo("2025-03-01T02:00:00Z");
        assertThat(json.get("requestedAt").asText()).isEqualTo("2025-03-01T02:00:00.412Z");
    }

    @Test
    void writesEnumsAsNames() {
        JsonNode json = EventJson.mapper().valueToTree(EventFixtures.runLifecycle());

        assertThat(json.get("status").asText()).isEqualTo("PARTIAL");
        assertThat(json.get("trigger").asText()).isEqualTo("SCHEDULED");
    }

    @Test
    void omitsNullFields() {
        RunRequestedV1 withoutOptionals = new RunRequestedV1(EventFixtures.RUN_ID, null, EventFixtures.SLOT, false,
                RunTrigger.SCHEDULED, null, null, null, EventFixtures.SLOT);

        JsonNode json = EventJson.mapper().valueToTree(withoutOptionals);

        assertThat(fieldNames(json)).containsExactly("runId", "slot", "dryRun", "trigger", "requestedAt");
    }

    @Test
    void doesNotWriteDerivedProperties() {
        JsonNode json = EventJson.mapper().valueToTree(new RunScope(List.of(), null, null));

        assertThat(fieldNames(json)).containsExactly("domainIds");
    }

    @Test
    void toleratesUnknownFields() {
        ObjectNode json = EventJson.mapper().valueToTree(EventFixtures.volumeResult());
        json.put("addedInALaterRelease", "whatever");
        ((ObjectNode) json.get("volume")).putObject("encryption").put("enabled", true);

        VolumeResultV1 read = EventJson.fromJson(json.toString(), VolumeResultV1.class);

        assertThat(read).isEqualTo(EventFixtures.volumeResult());
    }

    @Test
    void rejectsAPayloadWithoutARequiredField() {
        ObjectNode json = EventJson.mapper().valueToTree(EventFixtures.runRequested());
        json.remove("dryRun");

        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), RunRequestedV1.class))
                .isInstanceOf(EventJsonException.class)
                .hasMessageContaining("dryRun");
    }

    @Test
    void rejectsNullForAPrimitive() {
        ObjectNode json = EventJson.mapper().valueToTree(EventFixtures.runRequested());
        json.putNull("dryRun");

        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), RunRequestedV1.class))
                .isInstanceOf(EventJsonException.class);
    }

    @Test
    void rejectsAnUnknownEnumValue() {
        ObjectNode json = EventJson.mapper().valueToTree(EventFixtures.volumeResult());
        json.put("action", "EXPLODED");

        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), VolumeResultV1.class))
                .isInstanceOf(EventJsonException.class);
    }

    @Test
    void rejectsMalformedJson() {
        assertThatThrownBy(() -> EventJson.fromJson("{\"runId\": ", RunPlannedV1.class))
                .isInstanceOf(EventJsonException.class)
                .hasMessageContaining("RunPlannedV1");
    }

    @Test
    void copiesCollectionsDefensively() {
        java.util.ArrayList<String> ids = new java.util.ArrayList<>(List.of("p1"));
        RunScope scope = new RunScope(null, ids, null);
        ids.add("p2");

        assertThat(scope.projectIds()).containsExactly("p1");
        assertThatThrownBy(() -> scope.projectIds().add("p3")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertFullyPopulated(Object value, String path) {
        assertThat(value).as(path).isNotNull();
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    assertFullyPopulated(component.getAccessor().invoke(record), path + "." + component.getName());
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else if (value instanceof Collection<?> collection) {
            assertThat(collection).as(path).isNotEmpty();
            collection.forEach(element -> assertFullyPopulated(element, path + "[]"));
        } else if (value instanceof Map<?, ?> map) {
            assertThat(map).as(path).isNotEmpty();
        }
    }
}
