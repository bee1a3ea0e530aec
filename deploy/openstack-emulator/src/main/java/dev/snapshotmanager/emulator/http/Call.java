package dev.snapshotmanager.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.emulator.model.Token;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;

/** One request as an action sees it: the validated token, the microversion, parameters and body. */
public final class Call {

    private final RoutingContext ctx;
    private final Token token;
    private final int microversion;
    private final String baseUrl;

    Call(RoutingContext ctx, Token token, int microversion, String baseUrl) {
        this.ctx = ctx;
        this.token = token;
        this.microversion = microversion;
        this.baseUrl = baseUrl;
    }

    /** The caller's token, or null on routes that need none. */
    public Token token() {
        return token;
    }

    public boolean isAdmin() {
        return token != null && token.isAdmin();
    }

    /** The project the caller's token is scoped to. */
    public String projectId() {
        return token == null ? null : token.projectId();
    }

    /** The minor Cinder microversion (3.x), 0 outside Cinder. */
    public int microversion() {
        return microversion;
    }

    public boolean atLeast(int minor) {
        return microversion >= minor;
    }

    /** The emulator's base URL as the client sees it, e.g. {@code http://127.0.0.1:5000}. */
    public String baseUrl() {
        return baseUrl;
    }

    public String path(String name) {
        return ctx.pathParam(name);
    }

    public String query(String name) {
        return ctx.queryParams().get(name);
    }

    public MultiMap queryParams() {
        return ctx.queryParams();
    }

    public String header(String name) {
        return ctx.request().getHeader(name);
    }

    /** The request URI without the query string, as the client sent it (absolute). */
    public String requestUrl() {
        return baseUrl + ctx.request().path();
    }

    public String rawBody() {
        return ctx.body().asString();
    }

    /** The body as JSON; 400 "Malformed request body" when absent or not JSON. */
    public JsonNode body() {
        String raw = rawBody();
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("Malformed request body");
        }
        try {
            return Json.MAPPER.readTree(raw);
        } catch (IOException e) {
            throw ApiException.badRequest("Malformed request body");
        }
    }

    public RoutingContext context() {
        return ctx;
    }
}
