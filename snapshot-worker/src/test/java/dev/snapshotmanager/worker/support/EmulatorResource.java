package dev.snapshotmanager.worker.support;

import dev.snapshotmanager.emulator.EmulatorOptions;
import dev.snapshotmanager.emulator.OpenStackEmulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the OpenStack emulator (deploy/openstack-emulator) in the test JVM on a free port and points the worker at
 * it. Tests drive it through its own HTTP API ({@link TestCloud}), which works from any class loader.
 */
public class EmulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String PROP_URL = "snapshot.test.emulator.url";
    private static OpenStackEmulator emulator;

    @Override
    public synchronized Map<String, String> start() {
        if (System.getProperty(PROP_URL) == null) {
            emulator = OpenStackEmulator.start(EmulatorOptions.defaults());
            System.setProperty(PROP_URL, emulator.baseUrl());
        }
        return Map.of("snapshot.openstack.auth-url", System.getProperty(PROP_URL) + "/identity/v3");
    }

    @Override
    public synchronized void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
            System.clearProperty(PROP_URL);
        }
    }
}
