package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.common.problem.ProblemException;

/** Versions as entity tags: {@code ETag: "3"}; {@code If-Match} accepts {@code "3"}, {@code W/"3"} or {@code 3}. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} header expects, or null without the header. */
    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String v = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must be a version such as \"3\"");
        }
    }
}
