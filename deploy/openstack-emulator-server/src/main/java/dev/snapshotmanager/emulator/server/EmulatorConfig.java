package dev.snapshotmanager.emulator.server;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the standalone emulator starts. */
@ConfigMapping(prefix = "emulator")
public interface EmulatorConfig {

    /** Scenario to load: a JSON or YAML file path, or a classpath resource; the small default one when absent. */
    Optional<String> scenario();

    /** A generator spec as inline JSON/YAML, e.g. {@code {projects: 100, volumesPerProject: 1000}}; wins over scenario. */
    Optional<String> generate();

    /** Lifetime of issued tokens. */
    @WithDefault("PT1H")
    Duration tokenTtl();

    /** Seed of every random fault decision. */
    @WithDefault("42")
    long seed();

    /** Base URL put in the catalog; derived from each request's Host header when absent. */
    Optional<String> publicUrl();
}
