package dev.snapshotmanager.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One emulator per test class on a free port, back to the default scenario before each test. */
public abstract class EmulatorTestBase {

    public static final String DEMO_PROJECT = "0c1e0000000000000000000000000003";
    public static final String ALT_PROJECT = "0c1e0000000000000000000000000004";
    public static final String ADMIN_PROJECT = "0c1e0000000000000000000000000001";
    public static final String DEMO_USER = "0c1e00000000000000000000000000a3";
    public static final String DATA_VOLUME = "7d1a0000-0000-4000-8000-000000000001";
    public static final String BOOT_VOLUME = "7d1a0000-0000-4000-8000-000000000002";
    public static final String TAGGED_VOLUME = "7d1a0000-0000-4000-8000-000000000003";
    public static final String BROKEN_VOLUME = "7d1a0000-0000-4000-8000-000000000004";
    public static final String ALT_VOLUME = "7d1a0000-0000-4000-8000-000000000005";
    public static final String WEB_SERVER = "5e7a0000-0000-4000-8000-000000000001";

    protected static OpenStackEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = OpenStackEmulator.start(EmulatorOptions.defaults());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void resetEmulator() {
        emulator.load(dev.snapshotmanager.emulator.scenario.ScenarioLoader.defaults());
        emulator.reset();
    }
}
