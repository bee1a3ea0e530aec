package dev.snapshotmanager.testsupport.openstack;

import dev.snapshotmanager.emulator.EmulatorOptions;
import dev.snapshotmanager.emulator.OpenStackEmulator;
import dev.snapshotmanager.emulator.scenario.ScenarioLoader;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the OpenStack emulator in-process on a free port and points the service under test at it through
 * {@code snapshot.openstack.auth-url}. Init args: {@code scenario} (a classpath resource, JSON or YAML; the
 * emulator's small default scenario when absent) and {@code auth-url-property} (another property name).
 * <pre>
 * &#64;QuarkusTestResource(value = OpenStackEmulatorResource.class,
 *         initArgs = &#64;ResourceArg(name = "scenario", value = "scenarios/two-tenants.yaml"))
 * </pre>
 * The running emulator is injected into fields marked {@link InjectOpenStackEmulator}, and is also available
 * from {@link #current()} for faults and inspection.
 */
public class OpenStackEmulatorResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: classpath resource of the scenario to load. */
    public static final String SCENARIO = "scenario";
    /** Init arg: the configuration property that receives the Keystone v3 URL. */
    public static final String AUTH_URL_PROPERTY = "auth-url-property";
    /** Where the auth URL goes unless told otherwise. */
    public static final String DEFAULT_AUTH_URL_PROPERTY = "snapshot.openstack.auth-url";

    private static volatile OpenStackEmulator current;

    private String scenario;
    private String authUrlProperty = DEFAULT_AUTH_URL_PROPERTY;
    private OpenStackEmulator emulator;

    /** The emulator of the test resource started last in this JVM, or null. */
    public static OpenStackEmulator current() {
        return current;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        scenario = initArgs.get(SCENARIO);
        authUrlProperty = initArgs.getOrDefault(AUTH_URL_PROPERTY, DEFAULT_AUTH_URL_PROPERTY);
    }

    @Override
    public Map<String, String> start() {
        emulator = OpenStackEmulator.start(EmulatorOptions.defaults()
                .withScenario(scenario == null ? null : ScenarioLoader.fromClasspath(scenario)));
        current = emulator;
        return Map.of(authUrlProperty, emulator.authUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(emulator,
                new TestInjector.AnnotatedAndMatchesType(InjectOpenStackEmulator.class, OpenStackEmulator.class));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
            if (current == emulator) {
                current = null;
            }
        }
    }
}
