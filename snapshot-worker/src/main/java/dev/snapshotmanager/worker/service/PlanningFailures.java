package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.worker.client.CinderException;
import dev.snapshotmanager.worker.client.PolicyServiceException;
import java.util.regex.Pattern;

/**
 * The error text of a PLANNING_FAILED heartbeat: what failed, for operators; one line, no stack trace, no class
 * names, no credentials (anything that looks like a password, secret or token is masked, as is user info in URLs).
 */
public final class PlanningFailures {

    static final int MAX_LENGTH = 500;
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(password|passwd|secret|token|authorization|x-auth-token|credential)(\\s*[=:]\\s*|\\s+)"
                    + "(bearer\\s+)?[^\\s,;&]+");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private PlanningFailures() {
    }

    /** Why planning failed, fit for the run's failure reason. */
    public static String describe(Throwable failure) {
        String text;
        CinderException cinder = find(failure, CinderException.class);
        PolicyServiceException policy = find(failure, PolicyServiceException.class);
        if (policy != null) {
            text = policy.getMessage();
        } else if (cinder != null) {
            text = "OpenStack " + cinder.getMessage()
                    + (cinder.isTransient() ? " (after retries)" : "");
        } else {
            text = "unexpected error while planning; the worker's log has the details";
        }
        return sanitize(text);
    }

    static String sanitize(String text) {
        String oneLine = String.valueOf(text).replaceAll("\\s+", " ").trim();
        String masked = URL_USER_INFO.matcher(SECRET.matcher(oneLine).replaceAll("$1=***")).replaceAll("$1***@");
        return masked.length() <= MAX_LENGTH ? masked : masked.substring(0, MAX_LENGTH - 3) + "...";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
