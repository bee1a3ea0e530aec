package dev.snapshotmanager.policy.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.common.problem.NulCharacters;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A match key's value: one value or a list of them (any of them matches). Reads {@code "a"} and {@code ["a","b"]};
 * writes a list.
 */
@Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = String.class,
        description = "one value or a list of values; any of them matches")
public record Values(List<String> values) {

    public Values {
        values = List.copyOf(values);
    }

    public static Values of(String... values) {
        return new Values(List.of(values));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Values fromJson(JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node == null || node.isNull()) {
            return new Values(list);
        }
        if (node.isArray()) {
            node.forEach(n -> list.add(scalar(n)));
        } else {
            list.add(scalar(node));
        }
        if (list.stream().anyMatch(NulCharacters::in)) {
            // PostgreSQL's jsonb refuses it (SQLSTATE 22P05); Jackson makes this a 400
            throw new IllegalArgumentException("a match value must not contain a NUL character");
        }
        return new Values(list);
    }

    /** A value as text: a string, or a number or boolean as written; an object or a list is no value. */
    private static String scalar(JsonNode node) {
        if (!node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException("a match value is a string, a number or a list of them");
        }
        return node.asText();
    }

    @JsonValue
    public List<String> json() {
        return values;
    }

    public boolean anyEquals(String value) {
        return value != null && values.contains(value);
    }

    public boolean anyPrefixOf(String value) {
        if (value != null) {
            for (String v : values) {
                if (value.startsWith(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean anyContainedIn(String value) {
        if (value != null) {
            for (String v : values) {
                if (value.contains(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
