package dev.snapshotmanager.gateway.proxy;

import dev.snapshotmanager.gateway.security.Problems;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Prefixes the upstream's base path; answers 502 with a problem body when the upstream cannot be reached, and 504 when
 * its answer did not begin in time ({@link UpstreamTimeoutException}).
 */
final class UpstreamInterceptor implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(UpstreamInterceptor.class);

    private final String basePath;

    private final Duration timeout;

    UpstreamInterceptor(String basePath, Duration timeout) {
        this.basePath = basePath;
        this.timeout = timeout;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        if (!basePath.isEmpty()) {
            context.request().setURI(basePath + context.request().getURI());
        }
        String path = context.request().proxiedRequest().path();
        return context.sendRequest().recover(failure -> {
            boolean late = isTimeout(failure);
            LOG.warnf("Upstream %s for %s: %s", late ? "did not answer in time" : "unreachable", path, failure.getMessage());
            int status = late ? 504 : 502;
            String title = late ? "Gateway Timeout" : "Bad Gateway";
            Buffer body = Buffer.buffer(Problems.json(status, title, late
                    ? "The service behind this path did not answer within " + timeout.toSeconds() + " s."
                    : "The service behind this path is not reachable.", path));
            ProxyResponse response = context.request().response()
                    .setStatusCode(status)
                    .setStatusMessage(title)
                    .setBody(Body.body(body));
            response.headers().set(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE);
            return Future.succeededFuture(response);
        });
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UpstreamTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
