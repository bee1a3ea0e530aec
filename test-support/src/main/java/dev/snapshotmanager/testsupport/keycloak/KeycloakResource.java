package dev.snapshotmanager.testsupport.keycloak;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the service under test at the real {@link TestKeycloak} (started once per JVM, however many test
 * classes or resources ask for it): {@code quarkus.oidc.auth-server-url} is realm {@code snapshots}.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", TestKeycloak.realmUrl(),
                "snapshot.test.keycloak.url", TestKeycloak.baseUrl());
    }

    @Override
    public void stop() {
        // One Keycloak per JVM: it stops with the JVM.
    }
}
