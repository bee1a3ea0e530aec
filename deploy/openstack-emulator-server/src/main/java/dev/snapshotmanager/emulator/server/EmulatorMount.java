package dev.snapshotmanager.emulator.server;

import dev.snapshotmanager.emulator.EmulatorOptions;
import dev.snapshotmanager.emulator.OpenStackEmulator;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.scenario.Scenario;
import dev.snapshotmanager.emulator.scenario.ScenarioLoader;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Puts the emulator's routes on Quarkus's HTTP router, with the configured scenario. */
@ApplicationScoped
public class EmulatorMount {

    private static final Logger LOG = Logger.getLogger(EmulatorMount.class);

    private final EmulatorConfig config;
    private final Vertx vertx;
    private final int port;
    private volatile OpenStackEmulator emulator;

    public EmulatorMount(EmulatorConfig config, Vertx vertx, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.config = config;
        this.vertx = vertx;
        this.port = port;
    }

    void mount(@Observes Router router) {
        EmulatorOptions options = EmulatorOptions.defaults().withTokenTtl(config.tokenTtl()).withSeed(config.seed())
                .withPublicUrl(config.publicUrl().orElse(null)).withScenario(scenario());
        emulator = OpenStackEmulator.attach(vertx, router, options, "http://localhost:" + port);
        LOG.infof("OpenStack emulator mounted: %d projects, %d volumes; auth URL <host>/identity/v3",
                emulator.state().identity().projects().size(), emulator.state().blockStorage().volumeCount());
    }

    private Scenario scenario() {
        if (config.generate().isPresent()) {
            try {
                return new Scenario(null, null, null, null, null, null, null, null,
                        Json.YAML.readValue(config.generate().get(), Scenario.GeneratorSpec.class));
            } catch (IOException e) {
                throw new UncheckedIOException("Invalid emulator.generate", e);
            }
        }
        return config.scenario().map(ScenarioLoader::load).orElse(null);
    }

    /** The running emulator, for health checks and metrics. */
    public OpenStackEmulator emulator() {
        return emulator;
    }
}
