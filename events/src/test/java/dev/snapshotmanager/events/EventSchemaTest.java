package dev.snapshotmanager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schemas accept what the records write and the examples show, and reject what breaks the contract. */
class EventSchemaTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void exampleValidatesAgainstItsSchema(EventType type) {
        assertThat(Schemas.errors(type, Schemas.example(type))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void exampleReadsAsItsRecordAndWritesBackUnchanged(EventType type) {
        ObjectNode example = Schemas.example(type);

        Object payload = EventJson.fromJson(example.toString(), type.payloadClass());

        assertThat(Schemas.parse(EventJson.toJson(payload))).isEqualTo(example);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void fullyPopulatedRecordValidatesAgainstItsSchema(EventType type) {
        JsonNode json = EventJson.mapper().valueToTree(EventFixtures.payload(type));

        assertThat(Schemas.errors(type, json)).isEmpty();
    }

    static Stream<Arguments> requiredFields() {
        return Arrays.stream(EventType.values()).flatMap(type -> {
            JsonNode required = Schemas.document(type.schemaResource()).get("required");
            return StreamSupport.stream(required.spliterator(), false)
                    .map(field -> arguments(type, field.asText()));
        });
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void rejectsAnExampleMissingARequiredField(EventType type, String field) {
        ObjectNode example = Schemas.example(type);
        assertThat(example.has(field)).as("the example sets %s", field).isTrue();

        example.remove(field);

        assertThat(Schemas.errors(type, example)).isNotEmpty();
    }

    static Stream<Arguments> contractViolations() {
        return Stream.of(
                change(EventType.VOLUME_RESULT, "unknown action", j -> j.put("action", "EXPLODED")),
                change(EventType.RUN_LIFECYCLE, "unknown status", j -> j.put("status", "DONE")),
                change(EventType.RUN_LIFECYCLE, "unknown event", j -> j.put("event", "HALFWAY")),
                change(EventType.RUN_REQUESTED, "unknown trigger", j -> j.put("trigger", "CRON")),
                change(EventType.RUN_REQUESTED, "run id not a UUID", j -> j.put("runId", "run-42")),
                change(EventType.RUN_REQUESTED, "dryRun as a string", j -> j.put("dryRun", "yes")),
                change(EventType.RUN_PLANNED, "time not RFC 3339", j -> j.put("plannedAt", "2025-03-01 02:00")),
                change(EventType.RUN_PLANNED, "negative count", j -> j.put("skipped", -1)),
                change(EventType.RUN_HEARTBEAT, "unknown phase", j -> j.put("phase", "NAPPING")),
                change(EventType.RUN_HEARTBEAT, "blank worker id", j -> j.put("workerId", "")),
                change(EventType.VOLUME_TASK, "no volumes", j -> j.putArray("volumes")),
                change(EventType.VOLUME_TASK, "volume without id",
                        j -> ((ObjectNode) j.at("/volumes/0/volume")).remove("id")),
                change(EventType.VOLUME_TASK, "tenant without project",
                        j -> ((ObjectNode) j.at("/volumes/0/tenant")).remove("projectId")),
                change(EventType.VOLUME_TASK, "max age not an ISO duration",
                        j -> ((ObjectNode) j.at("/volumes/1/retention")).put("maxAge", "30 days")),
                change(EventType.VOLUME_TASK, "keep-last zero",
                        j -> ((ObjectNode) j.at("/volumes/0/retention")).put("keepLast", 0)),
                change(EventType.VOLUME_TASK, "metadata value not a string",
                        j -> ((ObjectNode) j.at("/volumes/0/metadata")).put("size", 3)),
                change(EventType.VOLUME_RESULT, "SKIPPED without a reason", j -> {
                    j.put("action", "SKIPPED");
                    j.remove("reason");
                }),
                change(EventType.VOLUME_RESULT, "CREATED without a snapshot", j -> j.remove("snapshot")),
                change(EventType.VOLUME_RESULT, "FAILED without error or reason", j -> j.put("action", "FAILED")),
                change(EventType.RUN_LIFECYCLE, "progress over 100", j -> j.put("progressPercent", 101)),
                change(EventType.POLICY_CHANGED, "not deleted but no state", j -> j.remove("policySet")),
                change(EventType.VOLUME_POLICIES, "not removed but no project", j -> j.remove("projectId")),
                change(EventType.VOLUME_POLICIES, "unknown resolution step", j -> j.put("decidedBy", "GUESSED")),
                change(EventType.VOLUME_POLICIES, "policy without cron",
                        j -> ((ObjectNode) j.at("/policies/0")).remove("cron")),
                change(EventType.VOLUME_POLICIES, "policy without since",
                        j -> ((ObjectNode) j.at("/policies/0")).remove("since")),
                change(EventType.POLICY_CHANGED, "TENANT set without tenant", j -> {
                    ((ObjectNode) j.at("/policySet")).put("scope", "TENANT");
                }),
                change(EventType.POLICY_CHANGED, "GLOBAL set with a tenant",
                        j -> ((ObjectNode) j.at("/policySet")).put("tenantId", "8e2b6c1f")),
                change(EventType.POLICY_CHANGED, "priority over 1000",
                        j -> ((ObjectNode) j.at("/policySet")).put("priority", 1001)),
                change(EventType.POLICY_CHANGED, "policy without any retention", j -> {
                    ObjectNode policy = (ObjectNode) j.at("/policySet/policies/0");
                    policy.remove("keepLast");
                    policy.remove("maxAge");
                }),
                change(EventType.POLICY_CHANGED, "cron with six fields",
                        j -> ((ObjectNode) j.at("/policySet/policies/0")).put("cron", "0 0 2 * * *")),
                change(EventType.POLICY_CHANGED, "unknown missed-run mode",
                        j -> ((ObjectNode) j.at("/policySet/policies/0")).put("missedRunMode", "CATCH_UP")),
                change(EventType.VOLUME_INVENTORY, "negative size", j -> j.put("sizeGb", -1)),
                change(EventType.VOLUME_INVENTORY, "server without id", j -> ((ObjectNode) j.at("/server")).remove("id")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("contractViolations")
    void rejectsAContractViolation(EventType type, String violation, Consumer<ObjectNode> mutation) {
        ObjectNode example = Schemas.example(type);
        assertThat(Schemas.errors(type, example)).as("the example is valid before the change").isEmpty();

        mutation.accept(example);

        assertThat(Schemas.errors(type, example)).as(violation).isNotEmpty();
    }

    static Stream<Arguments> validVariants() {
        return Stream.of(
                change(EventType.POLICY_CHANGED, "a deletion without state", j -> {
                    j.put("deleted", true);
                    j.remove("policySet");
                }),
                change(EventType.VOLUME_POLICIES, "a removed volume", j -> {
                    j.put("removed", true).putArray("policies");
                    j.remove(java.util.List.of("projectId", "decidedBy", "reason", "excludedUntil"));
                }),
                change(EventType.POLICY_CHANGED, "a TENANT set with its tenant", j -> {
                    ((ObjectNode) j.at("/policySet")).put("scope", "TENANT").put("tenantId", "8e2b6c1f");
                }),
                change(EventType.VOLUME_RESULT, "SKIPPED with a reason and no snapshot", j -> {
                    j.put("action", "SKIPPED").put("reason", ReasonCodes.VOLUME_STATUS);
                    j.remove("snapshot");
                }),
                change(EventType.VOLUME_RESULT, "an unknown reason code",
                        j -> j.put("action", "QUOTA_BLOCKED").put("reason", "QUOTA_SOMETHING_NEW")),
                change(EventType.VOLUME_RESULT, "FAILED with an error",
                        j -> j.put("action", "FAILED").put("error", "Cinder returned 500")),
                change(EventType.RUN_REQUESTED, "a restricted scope",
                        j -> j.putObject("scope").putArray("volumeIds").add("5a7c9e1b")),
                change(EventType.VOLUME_INVENTORY, "a detached volume", j -> {
                    j.remove("server");
                    j.putArray("attachedServerIds");
                }),
                change(EventType.RUN_LIFECYCLE, "a time with an offset",
                        j -> j.put("occurredAt", "2025-03-01T03:10:52.031+01:00")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validVariants")
    void acceptsAValidVariant(EventType type, String variant, Consumer<ObjectNode> mutation) {
        ObjectNode example = Schemas.example(type);

        mutation.accept(example);

        assertThat(Schemas.errors(type, example)).as(variant).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"P30D", "PT12H", "P1M", "P2W", "P1Y2M3DT4H5M6.5S", "PT0.5S"})
    void acceptsIsoDurations(String maxAge) {
        assertThat(Schemas.errors(EventType.VOLUME_TASK, taskWithMaxAge(maxAge))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"P", "PT", "P1DT", "30D", "P30", "p30d", "P-1D", "P1.5D"})
    void rejectsWhatIsNotAnIsoDuration(String maxAge) {
        assertThat(Schemas.errors(EventType.VOLUME_TASK, taskWithMaxAge(maxAge))).isNotEmpty();
    }

    private static ObjectNode taskWithMaxAge(String maxAge) {
        ObjectNode task = Schemas.example(EventType.VOLUME_TASK);
        ((ObjectNode) task.at("/volumes/0/retention")).put("maxAge", maxAge);
        return task;
    }

    private static Arguments change(EventType type, String description, Consumer<ObjectNode> mutation) {
        return arguments(type, description, mutation);
    }
}
