package dev.snapshotmanager.worker;

import dev.snapshotmanager.testsupport.OperationsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest extends OperationsContract {

    @Override
    protected String applicationName() {
        return "snapshot-worker";
    }

    @Override
    protected String[] requiredReadinessChecks() {
        return new String[] {"Kafka connection health check", "Keystone"};
    }
}
