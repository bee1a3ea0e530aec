package dev.snapshotmanager.emulator.server;

import dev.snapshotmanager.emulator.OpenStackEmulator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once a scenario is loaded. */
@Readiness
@ApplicationScoped
public class EmulatorReadiness implements HealthCheck {

    @Inject
    EmulatorMount mount;

    @Override
    public HealthCheckResponse call() {
        OpenStackEmulator emulator = mount.emulator();
        return HealthCheckResponse.named("openstack-emulator").status(emulator != null)
                .withData("projects", emulator == null ? 0 : emulator.state().identity().projects().size())
                .withData("volumes", emulator == null ? 0 : emulator.state().blockStorage().volumeCount())
                .build();
    }
}
