package dev.snapshotmanager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schemas and the records describe the same thing: the same property names, the same required properties,
 * the same enum values. Top-level and nested objects allow additional properties, so without this a misspelled or
 * forgotten property in a schema would go unnoticed.
 */
class SchemaRecordAgreementTest {

    /** Every record of the contract with the schema (resource, JSON pointer) that describes it. */
    static Stream<Arguments> describedRecords() {
        Stream<Arguments> payloads = Arrays.stream(EventType.values())
                .map(type -> arguments(type.payloadClass(), type.schemaResource(), ""));
        Stream<Arguments> values = Stream.of(PolicyRef.class, TenantRef.class, ServerRef.class, VolumeRef.class,
                        SnapshotRef.class, Retention.class, RunScope.class, RunCounters.class)
                .map(type -> arguments(type, Schemas.COMMON, "/$defs/" + type.getSimpleName()));
        Stream<Arguments> nested = Stream.of(
                arguments(TaskVolume.class, EventType.VOLUME_TASK.schemaResource(), "/$defs/TaskVolume"),
                arguments(PolicySetState.class, EventType.POLICY_CHANGED.schemaResource(), "/$defs/PolicySetState"),
                arguments(PolicyState.class, EventType.POLICY_CHANGED.schemaResource(), "/$defs/PolicyState"),
                arguments(ExpectedPolicy.class, EventType.VOLUME_POLICIES.schemaResource(), "/$defs/ExpectedPolicy"));
        return Stream.of(payloads, values, nested).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("describedRecords")
    void schemaNamesExactlyTheRecordsComponents(Class<?> record, String resource, String pointer) {
        JsonNode schema = Schemas.document(resource).at(pointer);

        assertThat(fieldNames(schema.get("properties")))
                .containsExactlyInAnyOrderElementsOf(componentNames(record));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("describedRecords")
    void schemaRequiresExactlyWhatTheRecordRequires(Class<?> record, String resource, String pointer) {
        JsonNode schema = Schemas.document(resource).at(pointer);
        Set<String> javaRequired = Arrays.stream(record.getRecordComponents())
                .filter(SchemaRecordAgreementTest::isRequired)
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());

        assertThat(texts(schema.get("required"))).containsExactlyInAnyOrderElementsOf(javaRequired);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("describedRecords")
    void everyPrimitiveComponentIsRequired(Class<?> record, String resource, String pointer) {
        // A primitive is always written; requiring it makes a missing dryRun an error instead of false.
        assertThat(record.getRecordComponents())
                .filteredOn(component -> component.getType().isPrimitive())
                .allSatisfy(component -> assertThat(isRequired(component)).as(component.getName()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("describedRecords")
    void allowsAdditionalPropertiesForForwardCompatibility(Class<?> record, String resource, String pointer) {
        JsonNode schema = Schemas.document(resource).at(pointer);

        assertThat(schema.get("additionalProperties").asBoolean()).isTrue();
    }

    static Stream<Class<? extends Enum<?>>> enums() {
        return Stream.of(VolumeAction.class, RunStatus.class, RunTrigger.class, PolicyScope.class,
                MissedRunMode.class, LifecycleEvent.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    void schemaEnumListsExactlyTheJavaConstants(Class<? extends Enum<?>> type) {
        JsonNode schema = Schemas.document(Schemas.COMMON).at("/$defs/" + type.getSimpleName());

        assertThat(texts(schema.get("enum"))).containsExactlyElementsOf(
                Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    @Test
    void reasonCodeExamplesListEveryReasonCode() throws IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (Field field : ReasonCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }
        JsonNode schema = Schemas.document(Schemas.COMMON).at("/$defs/ReasonCode");

        assertThat(texts(schema.get("examples"))).containsExactlyInAnyOrderElementsOf(codes);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaIdIsTheEventTypesDataSchema(EventType type) {
        assertThat(Schemas.document(type.schemaResource()).get("$id").asText()).isEqualTo(type.dataSchema());
        assertThat(Schemas.document(type.schemaResource()).get("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    private static boolean isRequired(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property != null && property.required();
    }

    private static List<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
