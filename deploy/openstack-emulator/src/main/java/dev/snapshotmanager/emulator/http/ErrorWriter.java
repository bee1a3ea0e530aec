package dev.snapshotmanager.emulator.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** Renders errors the way each service does, and the faults that a proxy or rate limiter would answer. */
public final class ErrorWriter {

    private static final Map<Integer, String> TITLES = Map.of(400, "Bad Request", 401, "Unauthorized",
            403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed", 409, "Conflict", 413, "Request Entity Too Large",
            415, "Unsupported Media Type", 500, "Internal Server Error", 503, "Service Unavailable");

    private ErrorWriter() {
    }

    public static void write(RoutingContext ctx, Style style, ApiException e, String baseUrl) {
        HttpServerResponse resp = ctx.response();
        e.headers().forEach(resp::putHeader);
        Object body;
        if (e.status() == 401 || style == Style.KEYSTONE) {
            if (e.status() == 401) {
                resp.putHeader("WWW-Authenticate", "Keystone uri=\"" + baseUrl + "/identity\"");
            }
            body = Json.obj("error", Json.obj("code", e.status(), "title", TITLES.getOrDefault(e.status(), "Error"),
                    "message", e.getMessage()));
        } else if (style == Style.EMULATOR) {
            body = Json.obj("error", Json.obj("code", e.status(), "message", e.getMessage()));
        } else {
            Map<String, Object> inner = Json.obj("code", e.status(), "message", e.getMessage());
            inner.putAll(e.extra());
            body = Json.obj(e.name(), inner);
        }
        resp.setStatusCode(e.status()).putHeader("Content-Type", "application/json");
        if (ctx.request().method() == HttpMethod.HEAD) {
            resp.end();
        } else {
            resp.end(Json.encode(body));
        }
    }

    /** An injected fault: 429 as an HTML page from a proxy, 413 from the legacy rate limiter, 5xx from the API. */
    public static void writeInjected(RoutingContext ctx, Style style, int status, String baseUrl) {
        HttpServerResponse resp = ctx.response();
        switch (status) {
            case 429 -> resp.setStatusCode(429).putHeader("Content-Type", "text/html").putHeader("Retry-After", "1")
                    .end("<html><body><h1>429 Too Many Requests</h1>\nYou have sent too many requests in a given "
                            + "amount of time.\n</body></html>\n");
            case 413 -> write(ctx, style, new ApiException(413, "overLimitFault", "This request was rate-limited.")
                    .with("retryAfter", "60").with("details", "Only 10 POST request(s) can be made to * every minute.")
                    .header("Retry-After", "60"), baseUrl);
            case 503 -> write(ctx, style, new ApiException(503, "serviceUnavailable",
                    "Service is unavailable at this time."), baseUrl);
            default -> write(ctx, style, internal(status), baseUrl);
        }
    }

    public static ApiException internal(int status) {
        return new ApiException(status, "computeFault",
                "The server has either erred or is incapable of performing the requested operation.");
    }
}
