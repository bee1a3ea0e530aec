package dev.snapshotmanager.testsupport.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes the service under test verify bearer tokens against {@link TestTokens}' public key and issuer, with the
 * same audience and role claim as production. No Keycloak is needed; the token checks are the real ones.
 */
public class TestTokensResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.public-key", TestTokens.publicKey(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                "quarkus.oidc.token.audience", TestTokens.AUDIENCE);
    }

    @Override
    public void stop() {
        // Nothing runs.
    }
}
