package dev.snapshotmanager.gateway.proxy;

import dev.snapshotmanager.gateway.config.GatewayConfig;
import dev.snapshotmanager.gateway.security.RequestIds;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Routes {@code /api/v1/**} by path to the owning service through Vert.x HTTP proxy: bodies stream both ways with
 * back-pressure (SSE and exports are never buffered), problem+json answers pass through unchanged. The caller's
 * access token (the bearer token, or the session's access token for browsers) and {@code X-Request-Id} go along.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    void register(@Observes Router router) {
        for (Upstream upstream : Upstream.values()) {
            HttpProxy proxy = proxyTo(upstream.baseUrl(config));
            for (String regex : upstream.pathRegexes()) {
                router.routeWithRegex(regex)
                        .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                        .handler(rc -> forward(rc, proxy));
            }
            LOG.infof("Routing %s to %s", upstream.pathRegexes(), upstream.baseUrl(config));
        }
    }

    private HttpProxy proxyTo(URI base) {
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : (tls ? 443 : 80);
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(64)
                .setSsl(tls)
                .setDecompressionSupported(false));
        Duration timeout = config.upstreamResponseTimeout();
        return HttpProxy.reverseProxy(client)
                .originRequestProvider((request, httpClient) -> httpClient.request(new RequestOptions()
                        .setHost(base.getHost())
                        .setPort(port)
                        .setSsl(tls)).onSuccess(origin -> giveUpUnansweredAfter(origin, timeout)))
                .addInterceptor(new UpstreamInterceptor(basePath(base), timeout));
    }

    /**
     * Resets the request to the service when its answer has not begun within {@code timeout}, which fails it with
     * {@link UpstreamTimeoutException}: a service that hangs costs the caller a 504, not a request that never ends.
     */
    private void giveUpUnansweredAfter(HttpClientRequest origin, Duration timeout) {
        long timer = vertx.setTimer(timeout.toMillis(), id -> origin.reset(0, new UpstreamTimeoutException(timeout)));
        origin.response().onComplete(answered -> vertx.cancelTimer(timer));
    }

    private static String basePath(URI base) {
        String path = base.getRawPath();
        return path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    }

    private void forward(RoutingContext rc, HttpProxy proxy) {
        var headers = rc.request().headers();
        headers.set(RequestIds.HEADER, RequestIds.of(rc));
        String token = accessToken(rc);
        if (token != null) {
            headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        // Session cookies are for the gateway only; the services take bearer tokens.
        headers.remove(HttpHeaders.COOKIE);
        proxy.handle(rc.request());
    }

    private static String accessToken(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
            return credential == null ? null : credential.getToken();
        }
        return null;
    }
}
