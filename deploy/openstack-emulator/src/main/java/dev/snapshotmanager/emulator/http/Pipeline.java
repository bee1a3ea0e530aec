package dev.snapshotmanager.emulator.http;

import dev.snapshotmanager.emulator.model.Ids;
import dev.snapshotmanager.emulator.faults.Counters;
import dev.snapshotmanager.emulator.faults.Faults;
import dev.snapshotmanager.emulator.model.Token;
import dev.snapshotmanager.emulator.state.IdentityStore;
import dev.snapshotmanager.emulator.state.InvalidSortKeyException;
import dev.snapshotmanager.emulator.state.MarkerNotFoundException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every route goes through here: request id and service headers, counters, injected latency and errors,
 * token validation, Cinder's microversion and project checks, then the action and its reply or error.
 */
public final class Pipeline {

    private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());
    private static final long BODY_LIMIT = 512L * 1024 * 1024;

    private final IdentityStore identity;
    private final Faults faults;
    private final Counters counters;
    private final String publicUrl;

    public Pipeline(IdentityStore identity, Faults faults, Counters counters, String publicUrl) {
        this.identity = identity;
        this.faults = faults;
        this.counters = counters;
        this.publicUrl = publicUrl;
    }

    /** Registers a route; {@code authenticated} routes need a valid {@code X-Auth-Token}. */
    public void route(Router router, HttpMethod method, String path, String operation, Style style,
                      boolean authenticated, Action action) {
        Route route = router.route(method, path);
        if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            route.handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
        }
        route.handler(ctx -> handle(ctx, operation, style, authenticated, action));
    }

    private void handle(RoutingContext ctx, String operation, Style style, boolean authenticated, Action action) {
        HttpServerResponse resp = ctx.response();
        String requestId = "req-" + Ids.uuid();
        resp.putHeader("x-openstack-request-id", requestId);
        switch (style) {
            case CINDER -> resp.putHeader(Microversions.HEADER, "volume 3.0").putHeader("Vary", Microversions.HEADER);
            case NOVA -> resp.putHeader("x-compute-request-id", requestId)
                    .putHeader(Microversions.HEADER, "compute 2.1").putHeader("X-OpenStack-Nova-API-Version", "2.1")
                    .putHeader("Vary", "OpenStack-API-Version, X-OpenStack-Nova-API-Version");
            case KEYSTONE -> resp.putHeader("Vary", "X-Auth-Token");
            default -> { }
        }
        ctx.addHeadersEndHandler(v -> counters.record(operation, resp.getStatusCode()));
        long delay = style == Style.EMULATOR ? 0 : faults.delayFor(operation);
        int injected = style == Style.EMULATOR ? 0 : faults.errorFor(operation);
        if (delay > 0) {
            ctx.vertx().setTimer(delay, t -> execute(ctx, style, authenticated, action, injected));
        } else {
            execute(ctx, style, authenticated, action, injected);
        }
    }

    private void execute(RoutingContext ctx, Style style, boolean authenticated, Action action, int injected) {
        String baseUrl = baseUrl(ctx);
        try {
            if (injected != 0) {
                ErrorWriter.writeInjected(ctx, style, injected, baseUrl);
                return;
            }
            Token token = null;
            if (authenticated) {
                token = identity.validate(ctx.request().getHeader("X-Auth-Token"), Instant.now())
                        .orElseThrow(ApiException::unauthorized);
            }
            int micro = 0;
            if (style == Style.CINDER) {
                micro = Microversions.negotiate(ctx.request().getHeader(Microversions.HEADER), "volume");
                ctx.response().putHeader(Microversions.HEADER, "volume 3." + micro);
                String projectInUrl = ctx.pathParam("project_id");
                if (token != null && projectInUrl != null && !projectInUrl.equals(token.projectId())) {
                    throw ApiException.badRequest("Malformed request url");
                }
            }
            write(ctx, action.handle(new Call(ctx, token, micro, baseUrl)));
        } catch (ApiException e) {
            ErrorWriter.write(ctx, style, e, baseUrl);
        } catch (MarkerNotFoundException e) {
            ErrorWriter.write(ctx, style, ApiException.notFound(e.getMessage()), baseUrl);
        } catch (InvalidSortKeyException e) {
            ErrorWriter.write(ctx, style, ApiException.badRequest("Invalid input received: Invalid sort key"), baseUrl);
        } catch (IllegalArgumentException e) {
            ErrorWriter.write(ctx, style, ApiException.badRequest(e.getMessage()), baseUrl);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Emulator failure on " + ctx.request().path(), e);
            ErrorWriter.write(ctx, style, ErrorWriter.internal(500), baseUrl);
        }
    }

    private static void write(RoutingContext ctx, Reply reply) {
        HttpServerResponse resp = ctx.response().setStatusCode(reply.status());
        reply.headers().forEach(resp::putHeader);
        if (reply.body() != null && ctx.request().method() != HttpMethod.HEAD) {
            resp.putHeader("Content-Type", "application/json").end(Json.encode(reply.body()));
        } else if (reply.status() == 202 || reply.status() == 200) {
            resp.putHeader("Content-Type", "text/html; charset=UTF-8").putHeader("Content-Length", "0").end();
        } else {
            resp.end();
        }
    }

    /** The configured public URL, else scheme and Host of the request, so the catalog points back at us. */
    public String baseUrl(RoutingContext ctx) {
        if (publicUrl != null) {
            return publicUrl;
        }
        String host = ctx.request().getHeader("Host");
        if (host == null) {
            host = ctx.request().localAddress().host() + ":" + ctx.request().localAddress().port();
        }
        return ctx.request().scheme() + "://" + host;
    }
}
