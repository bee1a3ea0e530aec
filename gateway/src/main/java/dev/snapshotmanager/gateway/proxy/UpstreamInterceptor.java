package dev.snapshotmanager.gateway.proxy;

import dev.snapshotmanager.gateway.security.Problems;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;

/** Prefixes the upstream's base path and answers 502 with a problem body when the upstream cannot be reached. */
final class UpstreamInterceptor implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(UpstreamInterceptor.class);

    private final String basePath;

    UpstreamInterceptor(String basePath) {
        this.basePath = basePath;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        if (!basePath.isEmpty()) {
            context.request().setURI(basePath + context.request().getURI());
        }
        String path = context.request().proxiedRequest().path();
        return context.sendRequest().recover(failure -> {
            LOG.warnf("Upstream unreachable for %s: %s", path, failure.getMessage());
            Buffer body = Buffer.buffer(Problems.json(502, "Bad Gateway",
                    "The service behind this path is not reachable.", path));
            ProxyResponse response = context.request().response()
                    .setStatusCode(502)
                    .setStatusMessage("Bad Gateway")
                    .setBody(Body.body(body));
            response.headers().set(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE);
            return Future.succeededFuture(response);
        });
    }
}
