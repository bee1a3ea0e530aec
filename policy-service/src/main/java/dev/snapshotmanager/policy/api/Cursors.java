package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.common.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Opaque keyset cursors: the sort key of the last item of a page, Base64url-encoded. */
public final class Cursors {

    private static final String SEPARATOR = "\u0000";

    private Cursors() {
    }

    public static String encode(String... keys) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, keys).getBytes(StandardCharsets.UTF_8));
    }

    /** The keys of a cursor; 400 when it was not made by {@link #encode}. */
    public static List<String> decode(String cursor, int keys) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1);
            if (parts.length != keys) {
                throw new IllegalArgumentException("wrong number of keys");
            }
            return List.of(parts);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor is not valid; use the nextCursor of the previous page");
        }
    }
}
