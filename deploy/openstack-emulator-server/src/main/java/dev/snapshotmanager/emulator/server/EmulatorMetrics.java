package dev.snapshotmanager.emulator.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Gauges of what the emulated cloud holds. */
@ApplicationScoped
public class EmulatorMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, EmulatorMount mount) {
        Gauge.builder("emulator.volumes", mount, m -> m.emulator().state().blockStorage().volumeCount())
                .description("Volumes in the emulated cloud").register(registry);
        Gauge.builder("emulator.snapshots", mount, m -> m.emulator().snapshots().size())
                .description("Snapshots in the emulated cloud").register(registry);
    }
}
