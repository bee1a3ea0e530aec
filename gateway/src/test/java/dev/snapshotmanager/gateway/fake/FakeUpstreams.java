package dev.snapshotmanager.gateway.fake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts three {@link FakeUpstream}s (policy-, run-, audit-service) on free ports and points the gateway at them.
 * Tests reach them directly through the same configuration keys ({@code snapshot.gateway.upstreams.*}).
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        try {
            config.put("snapshot.gateway.upstreams.policy", url(new FakeUpstream("policy-service").start(vertx)));
            config.put("snapshot.gateway.upstreams.run", url(new FakeUpstream("run-service").start(vertx)));
            config.put("snapshot.gateway.upstreams.audit", url(new FakeUpstream("audit-service").start(vertx)));
        } catch (Exception e) {
            throw new IllegalStateException("fake upstreams did not start", e);
        }
        return config;
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
