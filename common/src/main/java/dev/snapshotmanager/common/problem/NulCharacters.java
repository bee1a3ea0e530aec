package dev.snapshotmanager.common.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * PostgreSQL cannot store a NUL character in text or jsonb (SQLSTATE 22021, 22P05), so a request value holding one
 * could only fail, and failed as a 500 (or, where it was not stored, was taken as it was). Every service refuses it
 * where it enters, as a 400 naming the value: in path and query parameters ({@link NulParameters}), in the strings and
 * keys of JSON bodies ({@link NulJsonStrings}), and in bodies read as trees ({@link #requireNone}).
 */
public final class NulCharacters {

    /** The violation's message. */
    public static final String MESSAGE = "must not contain a NUL character";

    private NulCharacters() {
    }

    /** Whether {@code value} holds a character PostgreSQL cannot store in text. */
    public static boolean in(String value) {
        return value != null && value.indexOf('\u0000') >= 0;
    }

    /** The 400 for the {@code what} ("query parameter", "Field") called {@code name}, as detail and violation. */
    static ProblemException refused(String what, String name) {
        String shown = name.replace('\u0000', '?');
        return new ProblemException(400, "Bad Request", what + " '" + shown + "' " + MESSAGE,
                List.of(new Problem.Violation(shown, MESSAGE)));
    }

    /**
     * Refuses a body read as a tree: a 400 naming the first text or field name with a NUL character, by its path
     * from {@code path} ({@code [0].tenant_name}).
     */
    public static void requireNone(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && in(node.textValue())) {
            throw refused("Field", path);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireNone(node.get(i), path + "[" + i + "]");
            }
        }
        node.fields().forEachRemaining(field -> {
            String at = (path.isEmpty() ? "" : path + ".") + field.getKey();
            if (in(field.getKey())) {
                throw refused("Field", at);
            }
            requireNone(field.getValue(), at);
        });
    }
}
