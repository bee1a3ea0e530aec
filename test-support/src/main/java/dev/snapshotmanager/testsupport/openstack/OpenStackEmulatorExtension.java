package dev.snapshotmanager.testsupport.openstack;

import dev.snapshotmanager.emulator.EmulatorOptions;
import dev.snapshotmanager.emulator.OpenStackEmulator;
import dev.snapshotmanager.emulator.scenario.ScenarioLoader;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The OpenStack emulator for plain JUnit 5 tests: one per test class, on a free port, back to its scenario
 * (no faults, counters at zero) before each test. Resolves {@code OpenStackEmulator} parameters.
 * <pre>
 * &#64;RegisterExtension
 * static OpenStackEmulatorExtension openstack = OpenStackEmulatorExtension.withScenario("scenarios/big.yaml");
 * </pre>
 * or {@code @ExtendWith(OpenStackEmulatorExtension.class)} for the default scenario.
 */
public class OpenStackEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
        ParameterResolver {

    private final String scenario;
    private OpenStackEmulator emulator;

    public OpenStackEmulatorExtension() {
        this(null);
    }

    private OpenStackEmulatorExtension(String scenario) {
        this.scenario = scenario;
    }

    /** An extension loading a classpath scenario (JSON or YAML). */
    public static OpenStackEmulatorExtension withScenario(String classpathResource) {
        return new OpenStackEmulatorExtension(classpathResource);
    }

    /** The running emulator (started before the first test of the class). */
    public OpenStackEmulator emulator() {
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            start();
        } else {
            emulator.reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OpenStackEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (emulator == null) {
            start();
        }
        return emulator;
    }

    private void start() {
        emulator = OpenStackEmulator.start(EmulatorOptions.defaults()
                .withScenario(scenario == null ? null : ScenarioLoader.fromClasspath(scenario)));
    }
}
