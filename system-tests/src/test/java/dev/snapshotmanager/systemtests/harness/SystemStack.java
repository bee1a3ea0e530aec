package dev.snapshotmanager.systemtests.harness;

import dev.snapshotmanager.local.ChildProcess;
import dev.snapshotmanager.local.Launcher;
import dev.snapshotmanager.local.ServiceSpec;
import dev.snapshotmanager.local.StackLayout;
import dev.snapshotmanager.local.StackSettings;
import dev.snapshotmanager.local.StackState;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole suite, started once per test JVM exactly as {@code ./snapshot-manager up} starts it (the local-stack
 * {@link Launcher}: real PostgreSQL, Kafka in KRaft mode, Keycloak with the demo realm, the OpenStack emulator with
 * the demo cloud, the five services from their {@code target/quarkus-app}, the demo seed), but on free ports and
 * with its logs, data and state in {@code system-tests/target/system-tests} ({@code logs/<component>.log}).
 *
 * <p>Use it through {@link SystemStackExtension} ({@code @ExtendWith}; a {@code SystemStack} test parameter) or
 * {@link #get()}. It stops when the test plan ends (and at JVM exit at the latest). Tests talk to the suite only
 * through {@link #gatewayUrl()} with real tokens ({@link #tokens()}); the emulator's admin API
 * ({@link #emulatorAdminUrl()}) and Kafka ({@link #kafkaBootstrap()}) are there to inject faults and to observe.
 */
public final class SystemStack {

    /** The demo projects of the emulator (DemoCloud): id to name. */
    public static final Map<String, String> DEMO_PROJECTS = Map.of("demo-project-1", "acme-web",
            "demo-project-2", "acme-data", "demo-project-3", "globex-prod", "demo-project-4", "globex-dev",
            "demo-project-5", "initech-erp", "demo-project-6", "research");
    /** Volumes per demo project. */
    public static final int VOLUMES_PER_PROJECT = 50;
    /**
     * JUnit resource lock of the emulator's fault settings: READ_WRITE for a test that injects faults, READ for a
     * test whose runs must not meet them (test classes run concurrently, see junit-platform.properties).
     */
    public static final String EMULATOR_FAULTS = "system-stack:emulator-faults";
    /** Keycloak's admin console user and password (demo only). */
    public static final String KEYCLOAK_ADMIN = "admin";
    public static final String KEYCLOAK_ADMIN_PASSWORD = "admin";

    private static SystemStack instance;
    private static RuntimeException startFailure;

    private final StackLayout layout;
    private final StackSettings settings;
    private final Launcher launcher;
    private final Tokens tokens;
    private double startSeconds;

    private SystemStack(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
        this.launcher = new Launcher(layout, settings);
        this.tokens = new Tokens(settings.realmUrl());
    }

    /** The running stack, started on the first call (a failed start is not retried within the JVM). */
    public static synchronized SystemStack get() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    private static SystemStack start() {
        Path root = Path.of(System.getProperty("snapshot.repo.root", "..")).toAbsolutePath().normalize();
        Path dir = Path.of(System.getProperty("snapshot.system-tests.dir", "target/system-tests")).toAbsolutePath();
        StackLayout layout = new StackLayout(root, dir);
        stopLeftovers(layout);
        try {
            // A fresh cloud, database and broker every time; the unpacked Keycloak (dir/keycloak) is kept.
            for (Path old : List.of(layout.data(), layout.logs(), layout.run())) {
                deleteTree(old);
            }
            Files.createDirectories(layout.logs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StackSettings settings = StackSettings.from(environment());
        requireBuilt(layout);
        KeycloakDistribution.ensure(settings, layout.logs().resolve("keycloak-fetch.log"));
        SystemStack stack = new SystemStack(layout, settings);
        stack.startAndWait();
        return stack;
    }

    /**
     * Stops what an earlier test JVM left running (killed before its shutdown hook ran; the components run in
     * sessions of their own, so they outlive it), as {@code ./snapshot-manager down} does: by the pids of the
     * state file, and only processes whose command line names this stack's folder or a quarkus-run.jar. Refuses
     * to start while the JVM that wrote the state file still runs (a concurrent run of this module).
     */
    private static void stopLeftovers(StackLayout layout) {
        StackState previous = StackState.read(layout.stateFile());
        if (previous == null) {
            return;
        }
        long owner = previous.launcherPid();
        if (owner != ProcessHandle.current().pid() && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException("another JVM (pid " + owner + ") runs a system stack in " + layout.local()
                    + "; wait until its tests end (two runs of this module cannot share one target folder)");
        }
        for (StackState.Entry entry : previous.entries()) {
            ProcessHandle.of(entry.pid()).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(layout.local().toString())
                            || c.contains("quarkus-run.jar")).orElse(false))
                    .ifPresent(p -> {
                        System.out.println("stopping " + entry.name() + " (pid " + p.pid() + ") left by an earlier run");
                        ChildProcess.stop(p, Duration.ofSeconds(20));
                    });
        }
    }

    private void startAndWait() {
        long begin = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "system-stack-stop"));
        boolean up;
        try {
            up = launcher.start();
        } catch (Exception e) {
            throw failed("the local stack could not start: " + e, e);
        }
        if (!up) {
            throw failed("the local stack did not come up", null);
        }
        double launcherSeconds = (System.nanoTime() - begin) / 1e9;
        try {
            InventoryWait.await(this, Duration.ofMinutes(3));
        } catch (RuntimeException e) {
            throw failed("the stack came up but the volume inventory never reached policy-service: " + e.getMessage(), e);
        }
        startSeconds = (System.nanoTime() - begin) / 1e9;
        String line = String.format("system stack ready in %.1f s (components %.1f s, inventory %.1f s); gateway %s,"
                + " keycloak %s, emulator %s, kafka %s; logs %s", startSeconds, launcherSeconds,
                startSeconds - launcherSeconds, gatewayUrl(), keycloakUrl(), emulatorUrl(), kafkaBootstrap(), logs());
        System.out.println(line);
        try {
            Files.writeString(layout.local().resolve("stack-start.txt"), line + "\n" + String.join("\n",
                    launcher.seedReport()) + "\n");
        } catch (IOException e) {
            System.out.println("could not write stack-start.txt: " + e.getMessage());
        }
    }

    private RuntimeException failed(String message, Exception cause) {
        printLogTails(System.out, 40);
        launcher.stop();
        return new IllegalStateException(message + "; logs in " + logs(), cause);
    }

    /** The environment of the launcher: free ports, nothing inherited (no real OpenStack, no moved ports). */
    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", System.getProperty("user.home"));
        env.put("SNAPSHOT_LOCAL_M2", System.getProperty("snapshot.maven.repository",
                System.getProperty("user.home") + "/.m2/repository"));
        String keycloakVersion = System.getProperty("snapshot.keycloak.version");
        if (keycloakVersion != null && !keycloakVersion.isBlank()) {
            env.put("SNAPSHOT_LOCAL_KEYCLOAK_VERSION", keycloakVersion);
        }
        env.put("SNAPSHOT_LOCAL_POSTGRES_PORT", Integer.toString(freePort(false)));
        env.put("SNAPSHOT_LOCAL_KAFKA_PORT", Integer.toString(freePort(true)));
        env.put("SNAPSHOT_LOCAL_KEYCLOAK_PORT", Integer.toString(freePort(false)));
        for (ServiceSpec spec : ServiceSpec.ALL) {
            env.put(spec.portVariable(), Integer.toString(freePort(false)));
        }
        return env;
    }

    private static void requireBuilt(StackLayout layout) {
        List<String> missing = ServiceSpec.ALL.stream().map(ServiceSpec::module)
                .filter(m -> !Files.isRegularFile(layout.quarkusRunJar(m))).toList();
        if (!missing.isEmpty() || !Files.isDirectory(layout.launcherLib())) {
            throw new IllegalStateException("not built: " + missing + (Files.isDirectory(layout.launcherLib()) ? ""
                    : " deploy/local-stack/target/lib") + "; run mvn -B verify at the root (or mvn -B -DskipTests"
                    + " package first)");
        }
    }

    // ---- what tests use

    /** The gateway, the only entry tests talk to, e.g. {@code http://localhost:41234}. */
    public String gatewayUrl() {
        return settings.service(ServiceSpec.GATEWAY).baseUrl();
    }

    /**
     * The gateway for a browser: {@code http://127.0.0.1:<port>}. The realm accepts code-flow redirects to the
     * gateway client on any port only for the loopback address {@code 127.0.0.1} (on {@code localhost} only 8080).
     */
    public String browserUrl() {
        return "http://127.0.0.1:" + settings.service(ServiceSpec.GATEWAY).port();
    }

    /** Keycloak's base URL (admin console under {@code /admin}, {@link #KEYCLOAK_ADMIN}). */
    public String keycloakUrl() {
        return settings.keycloakUrl();
    }

    /** The realm's issuer URL. */
    public String realmUrl() {
        return settings.realmUrl();
    }

    /** The OpenStack emulator's base URL (Keystone at {@code /identity/v3}). */
    public String emulatorUrl() {
        return settings.service(ServiceSpec.EMULATOR).baseUrl();
    }

    /** The emulator's admin API ({@code /_emulator}: faults, snapshots, counters). */
    public String emulatorAdminUrl() {
        return emulatorUrl() + "/_emulator";
    }

    /** A client of the emulator's admin API. */
    public EmulatorAdmin emulator() {
        return new EmulatorAdmin(emulatorAdminUrl());
    }

    /** The Kafka broker, e.g. {@code localhost:41235}. */
    public String kafkaBootstrap() {
        return settings.kafkaBootstrap();
    }

    /** Tokens of the demo users and the platform-tool client. */
    public Tokens tokens() {
        return tokens;
    }

    /** The demo users (also constants of {@link DemoUser}). */
    public List<DemoUser> users() {
        return DemoUser.ALL;
    }

    /** A rest-assured request to the gateway with {@code user}'s bearer token, JSON in and out. */
    public RequestSpecification as(DemoUser user) {
        return RestAssured.given().baseUri(gatewayUrl()).auth().oauth2(tokens.of(user))
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A rest-assured request to the gateway without a token. */
    public RequestSpecification anonymous() {
        return RestAssured.given().baseUri(gatewayUrl());
    }

    /** The folder of the components' logs ({@code <component>.log}). */
    public Path logs() {
        return layout.logs();
    }

    /** Seconds from the first component's start to a ready stack with its inventory synced. */
    public double startSeconds() {
        return startSeconds;
    }

    /** The demo seed's report, one line per step, as {@code ./snapshot-manager up} prints it. */
    public List<String> seedReport() {
        return launcher.seedReport();
    }

    /** The last {@code lines} lines of every component's log. */
    public void printLogTails(PrintStream out, int lines) {
        try (Stream<Path> files = Files.list(layout.logs())) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                out.println("---- last " + lines + " lines of " + log);
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.println("| " + l));
            }
        } catch (IOException e) {
            out.println("(no logs in " + layout.logs() + ": " + e.getMessage() + ")");
        }
    }

    /** Stops every component (also done when the test plan ends). */
    public void stop() {
        launcher.stop();
    }

    private static int freePort(boolean withNext) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (!withNext || port < 65535 && isFree(port + 1)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free pair of ports");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
