package dev.snapshotmanager.emulator.cinder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.emulator.http.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Cinder's JSON schemas for snapshot create/update and metadata, with its validation messages. */
final class SnapshotSchema {

    static final Set<String> CREATE_KEYS = Set.of("volume_id", "name", "display_name", "description", "force",
            "metadata");
    static final Set<String> UPDATE_KEYS = Set.of("name", "display_name", "description", "display_description");
    private static final Pattern METADATA_KEY = Pattern.compile("^[a-zA-Z0-9-_:. /]{1,255}$");
    private static final Pattern UUID_LIKE = Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");
    private static final Set<String> BOOLEANS = Set.of("true", "false", "0", "1", "y", "n", "yes", "no", "on", "off",
            "t", "f");

    private SnapshotSchema() {
    }

    /** The {@code snapshot} object of a create or update body, after the schema checks. */
    static JsonNode envelope(JsonNode body, Set<String> allowed) {
        if (!body.isObject() || !body.has("snapshot")) {
            throw ApiException.badRequest("'snapshot' is a required property");
        }
        List<String> extraTop = unexpected(body, Set.of("snapshot"));
        if (!extraTop.isEmpty()) {
            throw ApiException.badRequest(additional(extraTop));
        }
        JsonNode snapshot = body.get("snapshot");
        if (!snapshot.isObject()) {
            throw ApiException.badRequest(PyRepr.repr(snapshot) + " is not of type 'object'");
        }
        List<String> extra = unexpected(snapshot, allowed);
        if (!extra.isEmpty()) {
            throw invalid("snapshot", snapshot, additional(extra));
        }
        for (String key : List.of("name", "display_name", "description", "display_description")) {
            JsonNode value = snapshot.get(key);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw invalid(key, value, PyRepr.repr(value) + " is not of type 'string', 'null'");
            }
            if (value != null && value.isTextual() && value.asText().length() > 255) {
                throw invalid(key, value, PyRepr.repr(value) + " is too long");
            }
        }
        JsonNode force = snapshot.get("force");
        if (force != null && !force.isBoolean() && !(force.isTextual() && BOOLEANS.contains(force.asText().toLowerCase()))) {
            throw invalid("force", force, PyRepr.repr(force) + " is not one of [True, 'True', 'TRUE', 'true', '1', "
                    + "'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'y', 't', False, 'False', 'FALSE', 'false', '0', 'OFF', "
                    + "'Off', 'off', 'NO', 'No', 'no', 'n', 'f']");
        }
        return snapshot;
    }

    static String volumeId(JsonNode snapshot) {
        JsonNode id = snapshot.get("volume_id");
        if (id == null) {
            throw invalid("snapshot", snapshot, "'volume_id' is a required property");
        }
        if (!id.isTextual() || !UUID_LIKE.matcher(id.asText()).matches()) {
            throw invalid("volume_id", id, PyRepr.repr(id) + " is not a 'uuid'");
        }
        return id.asText();
    }

    static boolean force(JsonNode snapshot) {
        JsonNode force = snapshot.get("force");
        return force != null && (force.isBoolean() ? force.asBoolean()
                : List.of("true", "1", "y", "yes", "on", "t").contains(force.asText().toLowerCase()));
    }

    /** A metadata object: string keys matching Cinder's pattern, string values up to 255 characters. */
    static Map<String, String> metadata(JsonNode node, String field) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            throw invalid(field, node, PyRepr.repr(node) + " is not of type 'object'");
        }
        node.fields().forEachRemaining(e -> {
            if (!METADATA_KEY.matcher(e.getKey()).matches()) {
                throw invalid(field, node, "Additional properties are not allowed ('" + e.getKey() + "' was unexpected)");
            }
            JsonNode value = e.getValue();
            if (!value.isTextual()) {
                throw invalid(e.getKey(), value, PyRepr.repr(value) + " is not of type 'string'");
            }
            if (value.asText().length() > 255) {
                throw invalid(e.getKey(), value, PyRepr.repr(value) + " is too long");
            }
            result.put(e.getKey(), value.asText());
        });
        return result;
    }

    /** Text stripped of surrounding whitespace, null stays null. */
    static String text(JsonNode snapshot, String key, String fallbackKey) {
        JsonNode value = snapshot.hasNonNull(key) ? snapshot.get(key) : snapshot.get(fallbackKey);
        return value == null || value.isNull() ? null : value.asText().strip();
    }

    static ApiException invalid(String path, JsonNode value, String message) {
        return ApiException.badRequest("Invalid input for field/attribute " + path + ". Value: " + PyRepr.str(value)
                + ". " + message);
    }

    private static List<String> unexpected(JsonNode node, Set<String> allowed) {
        List<String> extra = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                extra.add(k);
            }
        });
        return extra;
    }

    private static String additional(List<String> extra) {
        String names = String.join(", ", extra.stream().map(k -> "'" + k + "'").toList());
        return "Additional properties are not allowed (" + names + (extra.size() == 1 ? " was" : " were")
                + " unexpected)";
    }
}
