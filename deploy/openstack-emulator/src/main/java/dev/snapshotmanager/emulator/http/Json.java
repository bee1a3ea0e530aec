package dev.snapshotmanager.emulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON (and YAML) mapping, plus {@link #obj} to build ordered response objects. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();
    public static final ObjectMapper YAML = YAMLMapper.builder().findAndAddModules().build();

    private Json() {
    }

    /** An ordered map from alternating keys and values; null values are kept (rendered as JSON null). */
    public static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static Buffer encode(Object value) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
