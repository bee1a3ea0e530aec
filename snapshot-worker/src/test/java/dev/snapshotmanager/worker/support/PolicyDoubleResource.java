package dev.snapshotmanager.worker.support;

import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A test double of policy-service's resolution API (another service of ours) and of the Keycloak token endpoint
 * the worker's OIDC client uses. Decisions are set by tests over HTTP ({@link PolicyDouble}); a resolution request
 * without the issued bearer token is answered 401. {@link PolicyDouble#failWith} makes it fail every request until
 * the next decisions are installed.
 */
public class PolicyDoubleResource implements QuarkusTestResourceLifecycleManager {

    static final String PROP_URL = "snapshot.test.policy-double.url";
    static final String TOKEN = TestTokens.forRole("service-account-snapshot-worker", "admin");

    private Vertx vertx;
    private final Map<String, JsonObject> decisions = new ConcurrentHashMap<>();
    private volatile int requests;
    private volatile int unauthorized;
    /** Answer to every resolution request instead of the decisions: an HTTP status, 0 = drop the connection. */
    private volatile Integer failure;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.post("/realms/snapshots/token").handler(c -> c.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("access_token", TOKEN).put("token_type", "Bearer").put("expires_in", 3600)
                        .encode()));
        router.post("/api/v1/resolutions").handler(c -> {
            requests++;
            Integer failing = failure;
            if (failing != null) {
                if (failing == 0) {
                    c.request().connection().close();
                } else {
                    c.response().setStatusCode(failing).end();
                }
                return;
            }
            if (!("Bearer " + TOKEN).equals(c.request().getHeader("Authorization"))) {
                unauthorized++;
                c.response().setStatusCode(401).end();
                return;
            }
            JsonArray out = new JsonArray();
            c.body().asJsonObject().getJsonArray("volumes").forEach(v -> {
                String id = ((JsonObject) v).getString("id");
                out.add(decisions.getOrDefault(id, new JsonObject().put("volumeId", id).put("decidedBy", "UNCOVERED")
                        .put("policies", new JsonArray())));
            });
            c.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("resolutions", out).encode());
        });
        router.put("/_double/decisions").handler(c -> {
            decisions.clear();
            failure = null;
            c.body().asJsonArray().forEach(d -> decisions.put(((JsonObject) d).getString("volumeId"), (JsonObject) d));
            c.response().setStatusCode(204).end();
        });
        router.put("/_double/failure").handler(c -> {
            failure = c.body().asJsonObject().getInteger("status");
            c.response().setStatusCode(204).end();
        });
        router.get("/_double/stats").handler(c -> c.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("requests", requests).put("unauthorized", unauthorized).encode()));
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String url = "http://127.0.0.1:" + server.actualPort();
            System.setProperty(PROP_URL, url);
            return Map.of(
                    "quarkus.rest-client.policy-service.url", url,
                    "quarkus.oidc-client.auth-server-url", url + "/realms/snapshots",
                    "quarkus.oidc-client.discovery-enabled", "false",
                    "quarkus.oidc-client.token-path", "/token",
                    "quarkus.oidc-client.credentials.secret", "test-secret");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the policy-service double", e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
