package dev.snapshotmanager.policy.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.snapshotmanager.common.problem.ProblemException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * JSON strings of request bodies (values and map keys) may not hold a NUL character ({@code \u0000}): PostgreSQL
 * refuses it in text and jsonb (SQLSTATE 22021, 22P05), so such a name, id or reason could only fail, and failed as
 * a 500. Rejected while reading, it is a 400 that names the field.
 */
@Singleton
public class JsonStrings implements ObjectMapperCustomizer {

    private static final String MESSAGE = "must not contain a NUL character";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("no-nul-strings")
                .addDeserializer(String.class, new NoNulString())
                .addKeyDeserializer(String.class, new NoNulKey()));
    }

    /**
     * The same rule for a body read as a tree ({@code POST /rules/import}): 400 naming the first text or field name
     * with a NUL character ({@code [0].tenant_name}).
     */
    static void requireNoNul(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && TextParameters.hasNul(node.textValue())) {
            throw ProblemException.badRequest("Field '" + path + "' " + MESSAGE);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireNoNul(node.get(i), path + "[" + i + "]");
            }
        }
        node.fields().forEachRemaining(field -> {
            String at = (path.isEmpty() ? "" : path + ".") + field.getKey().replace('\u0000', '?');
            if (TextParameters.hasNul(field.getKey())) {
                throw ProblemException.badRequest("Field '" + at + "' " + MESSAGE);
            }
            requireNoNul(field.getValue(), at);
        });
    }

    static final class NoNulString extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (TextParameters.hasNul(value)) {
                return (String) ctxt.handleWeirdStringValue(String.class, value, MESSAGE);
            }
            return value;
        }
    }

    static final class NoNulKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (TextParameters.hasNul(key)) {
                return ctxt.handleWeirdKey(String.class, key, MESSAGE);
            }
            return key;
        }
    }
}
