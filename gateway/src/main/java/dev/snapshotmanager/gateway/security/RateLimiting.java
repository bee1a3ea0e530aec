package dev.snapshotmanager.gateway.security;

import dev.snapshotmanager.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-caller rate limit on {@code /api/**} (SmallRye Fault Tolerance rate limit, one rolling window per caller):
 * over the limit the caller gets {@code 429} with {@code Retry-After} (seconds) and a problem body. Runs after
 * authentication, so the caller is the token's principal (a user, or {@code service-account-<client>} for client
 * credentials); the table is bounded and simply starts over when it fills up.
 */
@ApplicationScoped
public class RateLimiting {

    private static final int MAX_CALLERS = 10_000;

    @Inject
    GatewayConfig config;

    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    void register(@Observes Router router) {
        if (config.rateLimit().enabled()) {
            router.route("/api/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 1).handler(this::handle);
        }
    }

    void handle(RoutingContext rc) {
        try {
            guardFor(caller(rc)).get(() -> Boolean.TRUE, Boolean.class);
        } catch (RateLimitException e) {
            long seconds = Math.max(1, (e.getRetryAfterMillis() + 999) / 1000);
            rc.response().putHeader("Retry-After", Long.toString(seconds));
            Problems.send(rc, 429, "Too Many Requests",
                    "Rate limit of " + config.rateLimit().requests() + " requests per "
                            + config.rateLimit().window() + " exceeded; retry after " + seconds + " s.");
            return;
        }
        rc.next();
    }

    private Guard guardFor(String caller) {
        if (guards.size() >= MAX_CALLERS) {
            guards.clear();
        }
        return guards.computeIfAbsent(caller, c -> Guard.create()
                .withDescription("rate limit " + c)
                .withRateLimit()
                .limit(config.rateLimit().requests())
                .window(config.rateLimit().window().toMillis(), ChronoUnit.MILLIS)
                .type(RateLimitType.ROLLING)
                .done()
                .build());
    }

    private static String caller(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return "user:" + user.getSecurityIdentity().getPrincipal().getName();
        }
        return "address:" + rc.request().remoteAddress().hostAddress();
    }
}
