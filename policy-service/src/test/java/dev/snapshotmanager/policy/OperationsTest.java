package dev.snapshotmanager.policy;

import dev.snapshotmanager.testsupport.OperationsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest extends OperationsContract {

    @Override
    protected String applicationName() {
        return "policy-service";
    }

    @Override
    protected String[] requiredReadinessChecks() {
        return new String[] {"Database connections health check", "Kafka connection health check"};
    }
}
