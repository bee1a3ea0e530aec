package dev.snapshotmanager.emulator.cinder;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Python's str() of a decoded JSON value, as Cinder's validation messages print it. */
final class PyRepr {

    private PyRepr() {
    }

    /** str(value): strings bare, containers in repr form. */
    static String str(JsonNode node) {
        return node.isTextual() ? node.asText() : repr(node);
    }

    static String repr(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "None";
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "True" : "False";
        }
        if (node.isTextual()) {
            return "'" + node.asText().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                sb.append('\'').append(field.getKey()).append("': ").append(repr(field.getValue()));
                if (fields.hasNext()) {
                    sb.append(", ");
                }
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(repr(node.get(i)));
            }
            return sb.append(']').toString();
        }
        return node.asText();
    }
}
