package dev.snapshotmanager.emulator;

import dev.snapshotmanager.emulator.admin.EmulatorRoutes;
import dev.snapshotmanager.emulator.cinder.MetadataRoutes;
import dev.snapshotmanager.emulator.cinder.QuotaRoutes;
import dev.snapshotmanager.emulator.cinder.SnapshotLifecycle;
import dev.snapshotmanager.emulator.cinder.SnapshotRoutes;
import dev.snapshotmanager.emulator.cinder.VolumeRoutes;
import dev.snapshotmanager.emulator.faults.Counters;
import dev.snapshotmanager.emulator.faults.Faults;
import dev.snapshotmanager.emulator.http.Pipeline;
import dev.snapshotmanager.emulator.keystone.DirectoryRoutes;
import dev.snapshotmanager.emulator.keystone.TokenRoutes;
import dev.snapshotmanager.emulator.model.Snapshot;
import dev.snapshotmanager.emulator.nova.ServerRoutes;
import dev.snapshotmanager.emulator.scenario.Scenario;
import dev.snapshotmanager.emulator.scenario.ScenarioApplier;
import dev.snapshotmanager.emulator.scenario.ScenarioLoader;
import dev.snapshotmanager.emulator.state.CloudState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running emulator: Keystone v3 under {@code /identity}, Cinder v3 under {@code /volume}, Nova under
 * {@code /compute}, its own API under {@code /_emulator}. Start it on its own Vert.x with {@link #start}, or
 * put its routes on an existing router with {@link #attach}.
 */
public final class OpenStackEmulator implements AutoCloseable {

    private final EmulatorOptions options;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final CloudState state;
    private final Faults faults;
    private final Counters counters = new Counters();
    private volatile Scenario initialScenario;
    private HttpServer server;
    private String baseUrl;

    private OpenStackEmulator(EmulatorOptions options, Vertx vertx, boolean ownsVertx) {
        this.options = options;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.state = new CloudState(options.tokenTtl());
        this.faults = new Faults(options.seed());
        this.faults.onExpireTokens(() -> state.identity().expireAll(Instant.now()));
        this.initialScenario = options.scenario() != null ? options.scenario() : ScenarioLoader.defaults();
        ScenarioApplier.load(state, initialScenario);
        this.baseUrl = options.publicUrl();
    }

    /** Starts an emulator with its own Vert.x and HTTP server; blocks until it listens. */
    public static OpenStackEmulator start(EmulatorOptions options) {
        OpenStackEmulator emulator = new OpenStackEmulator(options, Vertx.vertx(), true);
        Router router = Router.router(emulator.vertx);
        emulator.install(router);
        StandaloneErrors.install(router);
        try {
            emulator.server = emulator.vertx.createHttpServer(new HttpServerOptions().setHost(options.host())
                            .setPort(options.port()).setCompressionSupported(false))
                    .requestHandler(router).listen().toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            emulator.vertx.close();
            throw new IllegalStateException("Cannot start the OpenStack emulator on port " + options.port(), e);
        }
        if (emulator.baseUrl == null) {
            String host = options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host();
            emulator.baseUrl = "http://" + host + ":" + emulator.server.actualPort();
        }
        return emulator;
    }

    /** Puts the emulator's routes on an existing router (e.g. Quarkus's); {@code baseUrl} is where it listens. */
    public static OpenStackEmulator attach(Vertx vertx, Router router, EmulatorOptions options, String baseUrl) {
        OpenStackEmulator emulator = new OpenStackEmulator(options, vertx, false);
        emulator.baseUrl = options.publicUrl() != null ? options.publicUrl() : baseUrl;
        emulator.install(router);
        return emulator;
    }

    private void install(Router router) {
        Pipeline pipeline = new Pipeline(state.identity(), faults, counters, options.publicUrl());
        SnapshotLifecycle lifecycle = new SnapshotLifecycle(state.blockStorage(), faults, vertx);
        new TokenRoutes(state.identity()).install(router, pipeline);
        new DirectoryRoutes(state.identity()).install(router, pipeline);
        new VolumeRoutes(state, faults).install(router, pipeline);
        MetadataRoutes.volumes(state.blockStorage()).install(router, pipeline);
        new SnapshotRoutes(state.blockStorage(), lifecycle, faults).install(router, pipeline);
        MetadataRoutes.snapshots(state.blockStorage()).install(router, pipeline);
        new QuotaRoutes(state.blockStorage()).install(router, pipeline);
        new ServerRoutes(state).install(router, pipeline);
        new EmulatorRoutes(this).install(router, pipeline);
    }

    /** E.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Keystone v3, as clients are configured: {@code baseUrl() + "/identity/v3"}. */
    public String authUrl() {
        return baseUrl + "/identity/v3";
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    public CloudState state() {
        return state;
    }

    public Faults faults() {
        return faults;
    }

    public Counters counters() {
        return counters;
    }

    /** Replaces the cloud with a scenario (tokens are dropped too); {@link #reset} comes back to it. */
    public void load(Scenario scenario) {
        ScenarioApplier.load(state, scenario);
        initialScenario = scenario;
    }

    /** Back to the last loaded scenario, no faults, counters at zero. */
    public void reset() {
        faults.reset();
        counters.reset();
        ScenarioApplier.load(state, initialScenario);
    }

    /** Every snapshot, with its project and metadata, newest first. */
    public List<Snapshot> snapshots() {
        return state.blockStorage().allSnapshots();
    }

    public void expireTokens() {
        faults.expireTokens();
    }

    @Override
    public void close() {
        if (ownsVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
