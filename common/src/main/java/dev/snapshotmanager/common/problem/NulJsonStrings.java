package dev.snapshotmanager.common.problem;

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
 * The REST layer's JSON reader refuses strings and map keys with a NUL character ({@link NulCharacters}): the body is
 * unreadable, a 400 naming the field ({@link ProblemMappers#unreadable}). Events are read by their own mapper.
 */
@Singleton
public class NulJsonStrings implements ObjectMapperCustomizer {

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
            if (NulCharacters.in(value)) {
                return (String) ctxt.handleWeirdStringValue(String.class, value, NulCharacters.MESSAGE);
            }
            return value;
        }
    }

    static final class NoNulKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (NulCharacters.in(key)) {
                return ctxt.handleWeirdKey(String.class, key, NulCharacters.MESSAGE);
            }
            return key;
        }
    }
}
