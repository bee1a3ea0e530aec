package dev.snapshotmanager.worker;

import dev.snapshotmanager.testsupport.KafkaResource;
import dev.snapshotmanager.testsupport.openstack.OpenStackEmulatorResource;
import dev.snapshotmanager.testsupport.security.TestTokensResource;
import dev.snapshotmanager.worker.support.CancelledBeforeStart;
import dev.snapshotmanager.worker.support.PolicyDoubleResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The real servers every {@code @QuarkusTest} of this module runs against: the real Kafka broker, test-token
 * verification, the OpenStack emulator (test-support's {@link OpenStackEmulatorResource}) and a double of
 * policy-service's resolution API; and a run cancelled before the application starts ({@link CancelledBeforeStart}).
 * Declared once here (global scope), so all test classes share one application start.
 */
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokensResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OpenStackEmulatorResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyDoubleResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CancelledBeforeStart.class, scope = TestResourceScope.GLOBAL)
public final class RealServers {

    private RealServers() {
    }
}
