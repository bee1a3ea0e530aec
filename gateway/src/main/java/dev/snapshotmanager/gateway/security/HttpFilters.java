package dev.snapshotmanager.gateway.security;

import dev.snapshotmanager.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Runs first on every request, before authentication: assigns the request id (kept if the caller sent a sane
 * one; echoed in the response and sent upstream), rejects bodies over the size limit with 413 (and bodies of unknown length, chunked, with 411), and sets the
 * security headers on every response (CSP, no-sniff, frame deny, no referrer; HSTS on TLS). No CORS headers are
 * ever set: the UI is served from the same origin.
 */
@ApplicationScoped
public class HttpFilters {

    /** Higher runs first; Quarkus authentication runs at -200. */
    static final int PRIORITY = 1000;
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Inject
    GatewayConfig config;

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        String requestId = RequestIds.of(rc);
        rc.request().headers().set(RequestIds.HEADER, requestId);
        boolean tls = rc.request().isSSL();
        rc.addHeadersEndHandler(v -> {
            MultiMap headers = rc.response().headers();
            headers.set(RequestIds.HEADER, requestId);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (!headers.contains("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", CSP);
            }
            if (tls) {
                headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
        });
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            Problems.send(rc, 413, "Content Too Large",
                    "Request bodies are limited to " + config.maxRequestBodyBytes() + " bytes.");
            return;
        }
        if (length == null && hasBodyOfUnknownLength(rc)) {
            Problems.send(rc, 411, "Length Required",
                    "Request bodies need a Content-Length (at most " + config.maxRequestBodyBytes() + " bytes).");
            return;
        }
        rc.next();
    }

    /**
     * HTTP/1.1 chunked, or HTTP/2 (h2c included) POST/PUT/PATCH without a content-length (a GET is never refused:
     * an h2c upgrade request is still open when it arrives here).
     */
    private static boolean hasBodyOfUnknownLength(RoutingContext rc) {
        String encoding = rc.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (encoding != null && encoding.toLowerCase().contains("chunked")) {
            return true;
        }
        HttpMethod method = rc.request().method();
        return rc.request().version() == HttpVersion.HTTP_2
                && (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH);
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > config.maxRequestBodyBytes();
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
