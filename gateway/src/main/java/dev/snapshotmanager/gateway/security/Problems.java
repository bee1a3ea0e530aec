package dev.snapshotmanager.gateway.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.snapshotmanager.events.EventJson;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem bodies for answers the gateway gives itself on the Vert.x layer (401, 413, 429, 502), where the
 * JAX-RS exception mappers of {@code common} do not run. Same members as {@code common}'s {@code Problem}.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The JSON text of a problem with {@code type} about:blank. */
    public static String json(int status, String title, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        try {
            return EventJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends the response with a problem body, unless it has already been started. */
    public static void send(RoutingContext rc, int status, String title, String detail) {
        if (rc.response().headWritten()) {
            rc.response().end();
            return;
        }
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(json(status, title, detail, rc.request().path()));
    }
}
