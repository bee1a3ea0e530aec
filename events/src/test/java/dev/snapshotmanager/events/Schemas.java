package dev.snapshotmanager.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** Test access to the contract's JSON Schemas (from the classpath, with format assertions on) and example payloads. */
final class Schemas {

    static final String COMMON = "schemas/common.v1.schema.json";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix(EventType.SCHEMA_ID_BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private Schemas() {
    }

    static JsonSchema of(EventType type) {
        return FACTORY.getSchema(SchemaLocation.of(type.dataSchema()), CONFIG);
    }

    /** The validation errors of a JSON document against the type's schema, as readable strings. */
    static Set<String> errors(EventType type, JsonNode json) {
        return of(type).validate(json).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    /** The raw schema document of a classpath resource. */
    static ObjectNode document(String resource) {
        return (ObjectNode) readResource(resource);
    }

    /** The example payload of a type, {@code examples/<schema name>.json}. */
    static ObjectNode example(EventType type) {
        return (ObjectNode) readResource("examples/" + type.schemaName() + ".json");
    }

    /** Parses JSON text (numbers as the smallest fitting node type, as when reading a file). */
    static JsonNode parse(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readResource(String resource) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
