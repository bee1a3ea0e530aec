package dev.snapshotmanager.local;

import dev.snapshotmanager.emulator.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code up}: starts every component, streams their readiness, and stops them in reverse order on exit. Programs
 * (the system tests) use {@link #start()} and {@link #stop()} with their own {@link StackLayout} and settings.
 */
public final class Launcher {

    static final long DEMO_SEED = 20261129L;
    private static final long READY_TIMEOUT_SECONDS = 600;

    private final StackLayout layout;
    private final StackSettings settings;
    private final StackState state = new StackState(ProcessHandle.current().pid());
    private final List<Component> started = Collections.synchronizedList(new ArrayList<>());
    private final List<String> seedReport = Collections.synchronizedList(new ArrayList<>());
    private final long begin = System.nanoTime();
    private volatile boolean stopping;
    /** A component failed: the stack cannot come up, so nothing else is waited for. */
    private volatile boolean failed;

    public Launcher(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    static void writeScenario(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), DemoCloud.generate(DEMO_SEED));
    }

    /** {@code ./snapshot-manager up}: starts everything, prints where to go, and runs until the JVM is stopped. */
    int up() throws Exception {
        if (!preflight()) {
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-stack-stop"));
        if (!startAll()) {
            return 1;
        }
        summary();
        watch();
        return 0;
    }

    /**
     * Starts every component as {@code up} does (and seeds the demo policies unless the settings say not to) and
     * returns once all are ready: true, or false when one did not come up (what started keeps running until
     * {@link #stop()}). For programs that run the stack themselves, such as the system tests.
     */
    public boolean start() throws Exception {
        return preflight() && startAll();
    }

    /** What the demo seed reported, one line per step (empty when it did not run). */
    public List<String> seedReport() {
        return List.copyOf(seedReport);
    }

    /** Seconds since this launcher was made. */
    public double elapsedSeconds() {
        return elapsed();
    }

    /** Stops every started component in reverse order; safe to call more than once. */
    public void stop() {
        stopAll();
    }

    private boolean preflight() {
        StackState previous = StackState.read(layout.stateFile());
        if (previous != null && ProcessHandle.of(previous.launcherPid()).map(ProcessHandle::isAlive).orElse(false)) {
            System.out.println("Snapshot Manager already runs (launcher pid " + previous.launcherPid()
                    + "): ./snapshot-manager status, or ./snapshot-manager down first.");
            return false;
        }
        List<String> busy = PortCheck.busy(PortCheck.ports(settings));
        if (!busy.isEmpty()) {
            System.out.println("These ports are in use by another program: " + String.join(", ", busy)
                    + ". Stop it, or move PostgreSQL/Kafka/Keycloak with SNAPSHOT_LOCAL_POSTGRES_PORT,"
                    + " SNAPSHOT_LOCAL_KAFKA_PORT, SNAPSHOT_LOCAL_KEYCLOAK_PORT (a service with"
                    + " SNAPSHOT_LOCAL_<SERVICE>_PORT, e.g. SNAPSHOT_LOCAL_GATEWAY_PORT). Leftovers of an earlier run:"
                    + " ./snapshot-manager down.");
            return false;
        }
        return true;
    }

    private boolean startAll() throws Exception {
        Files.createDirectories(layout.logs());
        Files.createDirectories(layout.data());
        System.out.println("Starting Snapshot Manager locally; logs in " + layout.root().relativize(layout.logs())
                + "/, data in " + layout.root().relativize(layout.data()) + "/ (Ctrl-C or ./snapshot-manager down stops it)");

        List<CompletableFuture<Boolean>> infra = new ArrayList<>();
        CompletableFuture<Boolean> postgres = launch(new PostgresServer(layout, settings, ServiceSpec.SERVICES.stream()
                .filter(ServiceSpec::ownsDatabase).map(ServiceSpec::database).toList()));
        CompletableFuture<Boolean> kafka = launch(new KafkaBroker(layout, settings));
        infra.add(postgres);
        infra.add(kafka);
        CompletableFuture<Boolean> keycloak = keycloak();
        if (settings.openStack().emulated()) {
            ServiceSpec emulator = settings.service(ServiceSpec.EMULATOR);
            Path scenario = layout.data(emulator.name()).resolve("demo-cloud.json");
            writeScenario(scenario);
            infra.add(launch(new JavaService(emulator, layout, ServiceEnv.of(emulator, settings, null),
                    List.of("--scenario=" + scenario.toAbsolutePath()))));
        } else {
            System.out.println(StatusLine.of("openstack", "external", -1, 0, settings.openStack().authUrl()));
        }
        if (!allReady(infra)) {
            return fail();
        }
        String sessionSecret = sessionSecret();
        List<CompletableFuture<Boolean>> services = new ArrayList<>();
        CompletableFuture<Boolean> policy = null;
        for (ServiceSpec configured : ServiceSpec.SERVICES) {
            ServiceSpec spec = settings.service(configured);
            if (!Files.isRegularFile(layout.quarkusRunJar(spec.module()))) {
                System.out.println(StatusLine.of(spec.name(), "SKIPPED", -1, 0, "not built: "
                        + layout.root().relativize(layout.quarkusRunJar(spec.module()))));
                policy = spec.is(ServiceSpec.POLICY) ? CompletableFuture.completedFuture(false) : policy;
                continue;
            }
            CompletableFuture<Boolean> f = launch(new JavaService(spec, layout, ServiceEnv.of(spec, settings,
                    sessionSecret), List.of()));
            services.add(f);
            if (spec.is(ServiceSpec.POLICY)) {
                policy = f;
            }
        }
        services.add(keycloak);
        if (!allReady(services)) {
            return fail();
        }
        seed(keycloak.join() && policy.join());
        return true;
    }

    private CompletableFuture<Boolean> keycloak() {
        if (!Files.isRegularFile(KeycloakServer.distribution(settings))) {
            System.out.println(StatusLine.of("keycloak", "SKIPPED", -1, 0, KeycloakServer.distribution(settings)
                    + " is missing (./snapshot-manager up fetches it from Maven Central); services will reject every token"));
            return CompletableFuture.completedFuture(false);
        }
        return launch(new KeycloakServer(layout, settings)).thenApply(ok -> {
            if (!ok) {
                throw new IllegalStateException("keycloak did not start");
            }
            return true;
        });
    }

    /** Starts a component on its own thread and completes when it is ready (false: it failed). */
    private CompletableFuture<Boolean> launch(Component component) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                component.start();
                started.add(component);
                if (stopping) {
                    component.stop();
                    return false;
                }
                state.put(new StackState.Entry(component.name(), component.pid(), component.probe()));
                state.write(layout.stateFile());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
                while (!stopping && !failed && System.nanoTime() < deadline) {
                    if (component.ready()) {
                        if (component.pid() != 0) {
                            state.put(new StackState.Entry(component.name(), component.pid(), component.probe()));
                            state.write(layout.stateFile());
                        }
                        print(component, "ready");
                        return true;
                    }
                    if (!component.alive()) {
                        failed = true;
                        print(component, "FAILED");
                        tail(component.name());
                        return false;
                    }
                    Thread.sleep(500);
                }
                print(component, stopping ? "stopped" : failed ? "not ready (another component failed)" : "TIMEOUT");
                failed = true;
                return false;
            } catch (Exception e) {
                failed = true;
                print(component, "FAILED");
                System.out.println("    " + e.getMessage());
                tail(component.name());
                return false;
            }
        }, runnable -> new Thread(runnable, "start-" + component.name()).start());
    }

    private boolean allReady(List<CompletableFuture<Boolean>> futures) {
        boolean ok = true;
        for (CompletableFuture<Boolean> f : futures) {
            try {
                ok &= f.join();
            } catch (RuntimeException e) {
                ok = false;
            }
        }
        return ok;
    }

    private void seed(boolean possible) {
        if (!settings.seedDemo()) {
            return;
        }
        if (!possible) {
            System.out.println("  demo policies: skipped (needs Keycloak and policy-service)");
            return;
        }
        try {
            for (String line : DemoSeed.run(settings, settings.service(ServiceSpec.POLICY).baseUrl())) {
                seedReport.add(line);
                System.out.println("  demo seed: " + line);
            }
        } catch (Exception e) {
            seedReport.add("FAILED (" + e.getMessage() + ")");
            System.out.println("  demo seed: FAILED (" + e.getMessage() + ")");
        }
    }

    private void summary() {
        long rss = 0;
        for (Component c : started) {
            rss += ProcStats.treeRssKb(c.pid());
        }
        System.out.printf("%nSnapshot Manager is up: %d components ready in %.1f s, total RSS %s%n%n",
                started.size(), elapsed(), ProcStats.format(rss));
        System.out.println("  API              " + settings.service(ServiceSpec.GATEWAY).baseUrl()
                + "   (OpenAPI: /openapi, health: /q/health)");
        System.out.println("  Demo users       superadmin/demo-superadmin, admin/demo-admin, operator/demo-operator,");
        System.out.println("                   viewer/demo-viewer, tenant-operator/demo-tenant-operator (acme-web, acme-data)");
        System.out.println("  Keycloak admin   " + settings.keycloakUrl() + "/admin   (admin/admin)");
        if (settings.openStack().emulated()) {
            System.out.println("  OpenStack        " + settings.openStack().authUrl()
                    + "   (emulator: 6 projects, " + 6 * DemoCloud.VOLUMES_PER_PROJECT + " volumes; admin/secret)");
        }
        System.out.println("  Token for curl   curl -s -d grant_type=password -d client_id=snapshot-e2e-tests"
                + " -d username=admin -d password=demo-admin " + settings.realmUrl() + "/protocol/openid-connect/token");
        System.out.println("  Logs             ./snapshot-manager logs <component>   (" + layout.root().relativize(layout.logs()) + "/)");
        System.out.println();
    }

    /** Reports components that die while the stack runs. */
    private void watch() throws InterruptedException {
        List<String> reported = new ArrayList<>();
        while (!stopping) {
            Thread.sleep(2000);
            for (Component c : List.copyOf(started)) {
                if (!stopping && !c.alive() && !reported.contains(c.name())) {
                    reported.add(c.name());
                    print(c, "EXITED");
                    tail(c.name());
                }
            }
        }
    }

    private boolean fail() {
        System.out.println("\nThe stack did not come up; stopping what started. Logs: " + layout.logs());
        return false;
    }

    private synchronized void stopAll() {
        stopping = true;
        List<Component> reverse = new ArrayList<>(started);
        started.clear();
        Collections.reverse(reverse);
        if (!reverse.isEmpty()) {
            System.out.println("\nStopping Snapshot Manager...");
        }
        for (Component c : reverse) {
            long t = System.nanoTime();
            c.stop();
            state.remove(c.name());
            state.write(layout.stateFile());
            System.out.println(StatusLine.of(c.name(), "stopped", (System.nanoTime() - t) / 1e9, 0, ""));
        }
        try {
            Files.deleteIfExists(layout.stateFile());
        } catch (IOException e) {
            System.err.println("could not delete " + layout.stateFile());
        }
    }

    private void print(Component c, String status) {
        long rss = c.pid() > 0 ? ProcStats.treeRssKb(c.pid()) : 0;
        System.out.println(StatusLine.of(c.name(), status, elapsed(), rss, c.where()));
    }

    private void tail(String component) {
        try {
            List<String> lines = Files.readAllLines(layout.log(component));
            System.out.println("    last lines of " + layout.log(component) + ":");
            lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> System.out.println("    | " + l));
        } catch (IOException | RuntimeException e) {
            System.out.println("    (no log at " + layout.log(component) + ")");
        }
    }

    private double elapsed() {
        return (System.nanoTime() - begin) / 1e9;
    }

    /** The gateway's session-cookie encryption secret, made once and kept in .local/data. */
    private String sessionSecret() throws IOException {
        Path file = layout.data("gateway").resolve("session-secret");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.writeString(file, HexFormat.of().formatHex(bytes));
        }
        return Files.readString(file).trim();
    }
}
