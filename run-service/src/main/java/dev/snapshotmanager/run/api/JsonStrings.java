package dev.snapshotmanager.run.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * JSON strings of request bodies (values and map keys) may not hold a NUL character ({@code \u0000}): PostgreSQL
 * refuses it in text and jsonb (SQLSTATE 22021, 22P05), so such a policy name or reason could only fail, and failed
 * as a 500 (or, in a scope's volume or domain ids, was accepted into the run). Rejected while reading, it is a 400 that names the field.
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
