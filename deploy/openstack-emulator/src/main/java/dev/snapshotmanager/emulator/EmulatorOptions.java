package dev.snapshotmanager.emulator;

import dev.snapshotmanager.emulator.scenario.Scenario;

import java.time.Duration;

/**
 * How to start an emulator.
 *
 * @param host      interface to listen on
 * @param port      port to listen on; 0 picks a free one
 * @param publicUrl base URL put in the catalog; null derives it from each request's Host header
 * @param tokenTtl  lifetime of issued tokens
 * @param scenario  the cloud to load; null loads the small default scenario
 * @param seed      seed of every random fault decision
 */
public record EmulatorOptions(String host, int port, String publicUrl, Duration tokenTtl, Scenario scenario,
                              long seed) {

    public static EmulatorOptions defaults() {
        return new EmulatorOptions("127.0.0.1", 0, null, Duration.ofHours(1), null, 42L);
    }

    public EmulatorOptions withHost(String newHost) {
        return new EmulatorOptions(newHost, port, publicUrl, tokenTtl, scenario, seed);
    }

    public EmulatorOptions withPort(int newPort) {
        return new EmulatorOptions(host, newPort, publicUrl, tokenTtl, scenario, seed);
    }

    public EmulatorOptions withPublicUrl(String newPublicUrl) {
        return new EmulatorOptions(host, port, newPublicUrl, tokenTtl, scenario, seed);
    }

    public EmulatorOptions withTokenTtl(Duration newTokenTtl) {
        return new EmulatorOptions(host, port, publicUrl, newTokenTtl, scenario, seed);
    }

    public EmulatorOptions withScenario(Scenario newScenario) {
        return new EmulatorOptions(host, port, publicUrl, tokenTtl, newScenario, seed);
    }

    public EmulatorOptions withSeed(long newSeed) {
        return new EmulatorOptions(host, port, publicUrl, tokenTtl, scenario, newSeed);
    }
}
