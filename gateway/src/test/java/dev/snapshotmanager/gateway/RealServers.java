package dev.snapshotmanager.gateway;

import dev.snapshotmanager.gateway.fake.FakeUpstreams;
import dev.snapshotmanager.testsupport.keycloak.KeycloakResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The real servers every {@code @QuarkusTest} of this module runs against: a real Keycloak (realm
 * {@code snapshots}, started once per JVM), test-token verification next to it, and three fake upstream services
 * (real HTTP servers). Declared once here (global scope), so all test classes share one application start.
 */
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokenTenant.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeUpstreams.class, scope = TestResourceScope.GLOBAL)
public final class RealServers {

    private RealServers() {
    }
}
