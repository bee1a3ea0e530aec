package dev.snapshotmanager.emulator;

import dev.snapshotmanager.emulator.http.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** JSON answers for unknown paths (404) and wrong methods (405) when the emulator owns its router. */
final class StandaloneErrors {

    private StandaloneErrors() {
    }

    static void install(Router router) {
        router.errorHandler(404, ctx -> write(ctx, 404, "itemNotFound", "The resource could not be found."));
        router.errorHandler(405, ctx -> write(ctx, 405, "badMethod", "The method is not allowed for the "
                + "requested URL."));
    }

    private static void write(RoutingContext ctx, int status, String name, String message) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Json.encode(Json.obj(name, Json.obj("code", status, "message", message))));
        }
    }
}
