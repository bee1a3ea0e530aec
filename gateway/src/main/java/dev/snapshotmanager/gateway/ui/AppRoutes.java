package dev.snapshotmanager.gateway.ui;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The web UI's deep links: a browser opening {@code /runs/<id>} (or reloading any screen) gets the app's
 * {@code index.html}, which then shows that screen. Only GET/HEAD of paths without a file extension outside the API,
 * the operations endpoints and the session endpoints; everything else keeps its own answer (API 404s stay problems).
 */
@ApplicationScoped
public class AppRoutes {

    private static final List<String> NOT_APP = List.of("/api/", "/q/", "/openapi", "/login", "/logout", "/assets/");

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        HttpMethod method = rc.request().method();
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && isAppPath(rc.normalizedPath())) {
            rc.reroute("/");
        } else {
            rc.next();
        }
    }

    /** Whether a path is one of the UI's own (client-side) routes. */
    static boolean isAppPath(String path) {
        if (path == null || path.equals("/") || !path.startsWith("/")) {
            return false;
        }
        for (String prefix : NOT_APP) {
            if (path.startsWith(prefix) || path.equals(prefix.replaceAll("/$", ""))) {
                return false;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
