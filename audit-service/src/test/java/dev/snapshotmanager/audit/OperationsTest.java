package dev.snapshotmanager.audit;

import dev.snapshotmanager.testsupport.OperationsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest extends OperationsContract {

    @Override
    protected String applicationName() {
        return "audit-service";
    }

    @Override
    protected String[] requiredReadinessChecks() {
        return new String[] {"Database connections health check", "Kafka connection health check"};
    }
}
