package dev.snapshotmanager.gateway;

import dev.snapshotmanager.testsupport.security.TestTokensResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The real servers every {@code @QuarkusTest} of this module runs against: test-token verification.
 * Declared once here (global scope), so all test classes share one application start.
 */
@WithTestResource(value = TestTokensResource.class, scope = TestResourceScope.GLOBAL)
public final class RealServers {

    private RealServers() {
    }
}
