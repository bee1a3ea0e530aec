package dev.snapshotmanager.gateway.security;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/** The {@code X-Request-Id} of a request: the caller's when it is a sane token, otherwise a new UUID. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "snapshot.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** This request's id, chosen once per request. */
    public static String of(RoutingContext rc) {
        String id = rc.get(KEY);
        if (id == null) {
            String given = rc.request().getHeader(HEADER);
            id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            rc.put(KEY, id);
        }
        return id;
    }
}
