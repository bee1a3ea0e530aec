package dev.snapshotmanager.run;

import dev.snapshotmanager.testsupport.KafkaResource;
import dev.snapshotmanager.testsupport.PostgresResource;
import dev.snapshotmanager.testsupport.security.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The real servers every {@code @QuarkusTest} of this module runs against: a fresh database on the real PostgreSQL and the real Kafka broker and test-token verification.
 * Declared once here (global scope), so all test classes share one application start.
 */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "run"))
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokensResource.class, scope = TestResourceScope.GLOBAL)
public final class RealServers {

    private RealServers() {
    }
}
