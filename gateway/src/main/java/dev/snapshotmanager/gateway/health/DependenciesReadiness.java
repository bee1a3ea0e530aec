package dev.snapshotmanager.gateway.health;

import dev.snapshotmanager.gateway.config.GatewayConfig;
import dev.snapshotmanager.gateway.proxy.Upstream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Keycloak's discovery document and every upstream service's liveness endpoint answer 200. With a
 * locally configured public key (tests) there is no discovery to check.
 */
@Readiness
@ApplicationScoped
public class DependenciesReadiness implements HealthCheck {

    @Inject
    GatewayConfig config;

    @Inject
    Probe probe;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> authServerUrl;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("gateway dependencies").up();
        authServerUrl.ifPresentOrElse(url -> {
            URI discovery = URI.create(url.replaceAll("/+$", "") + "/.well-known/openid-configuration");
            check(builder, "keycloak", discovery);
        }, () -> builder.withData("keycloak", "not used (local public key)"));
        for (Upstream upstream : Upstream.values()) {
            String base = upstream.baseUrl(config).toString().replaceAll("/+$", "");
            check(builder, upstream.service(), URI.create(base + "/q/health/live"));
        }
        return builder.build();
    }

    private void check(HealthCheckResponseBuilder builder, String name, URI uri) {
        int status = probe.status(uri);
        builder.withData(name, status == 200 ? "UP" : "DOWN (" + (status < 0 ? "no answer" : status) + ")");
        if (status != 200) {
            builder.down();
        }
    }
}
