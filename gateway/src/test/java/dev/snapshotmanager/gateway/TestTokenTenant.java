package dev.snapshotmanager.gateway;

import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Lets the gateway accept {@link TestTokens} next to the real Keycloak: a second OIDC tenant ({@code test-tokens},
 * bearer only) verifying them with the test key, chosen by the token's issuer
 * ({@code quarkus.oidc.resolve-tenants-with-issuer}, see application.properties). Keycloak stays the default tenant
 * for browser sessions and Keycloak-issued tokens. The checks are the real ones on both tenants.
 */
public class TestTokenTenant implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.test-tokens.public-key", TestTokens.publicKey());
    }

    @Override
    public void stop() {
        // Nothing runs.
    }
}
