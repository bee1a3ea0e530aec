package dev.snapshotmanager.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.snapshotmanager.gateway.config.GatewayConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readiness follows Keycloak's discovery and each service's liveness (plain unit test, real HTTP). */
class DependenciesReadinessTest {

    private HttpServer healthy;

    @BeforeEach
    void startHealthyServer() throws IOException {
        healthy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        healthy.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        healthy.start();
    }

    @AfterEach
    void stop() {
        healthy.stop(0);
    }

    @Test
    void isUpWhenKeycloakAndEveryServiceAnswer() {
        HealthCheckResponse response = readiness(up(), up(), up(), Optional.of(up() + "/realms/snapshots")).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("keycloak", "UP")
                .containsEntry("run-service", "UP");
    }

    @Test
    void isDownWhenOneServiceDoesNotAnswer() throws IOException {
        HealthCheckResponse response = readiness(up(), down(), up(), Optional.empty()).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("run-service", "DOWN (no answer)")
                .containsEntry("policy-service", "UP");
    }

    @Test
    void isDownWhenKeycloakDoesNotAnswer() throws IOException {
        HealthCheckResponse response = readiness(up(), up(), up(), Optional.of(down() + "/realms/snapshots")).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("keycloak", "DOWN (no answer)");
    }

    private String up() {
        return "http://127.0.0.1:" + healthy.getAddress().getPort();
    }

    private static String down() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static DependenciesReadiness readiness(String policy, String run, String audit, Optional<String> keycloak) {
        GatewayConfig config = config(policy, run, audit);
        Probe probe = new Probe();
        probe.config = config;
        DependenciesReadiness readiness = new DependenciesReadiness();
        readiness.config = config;
        readiness.probe = probe;
        readiness.authServerUrl = keycloak;
        return readiness;
    }

    private static GatewayConfig config(String policy, String run, String audit) {
        GatewayConfig.Upstreams upstreams = new GatewayConfig.Upstreams() {
            public URI policy() {
                return URI.create(policy);
            }

            public URI run() {
                return URI.create(run);
            }

            public URI audit() {
                return URI.create(audit);
            }
        };
        return new GatewayConfig() {
            public Upstreams upstreams() {
                return upstreams;
            }

            public RateLimit rateLimit() {
                throw new UnsupportedOperationException();
            }

            public long maxRequestBodyBytes() {
                return 1024;
            }

            public Duration upstreamResponseTimeout() {
                throw new UnsupportedOperationException();
            }

            public Duration upstreamCheckTimeout() {
                return Duration.ofSeconds(2);
            }
        };
    }
}
