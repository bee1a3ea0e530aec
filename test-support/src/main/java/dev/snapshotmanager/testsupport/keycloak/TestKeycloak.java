package dev.snapshotmanager.testsupport.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak ({@code org.keycloak:keycloak-quarkus-dist}) for tests, without Docker, started at most once per
 * JVM with realm {@code snapshots} imported from {@code deploy/keycloak/realm.json}.
 *
 * <p>The distribution is unpacked once per machine into {@code ~/.cache/snapshot-manager/keycloak-<version>} and
 * built once ({@code kc.sh build}), so each start is {@code start --optimized} (1.5-2 minutes on 2 busy cores;
 * the very first start, which also creates the database, takes several). The dev-file database is kept there and
 * recreated only when the realm file changes. {@code SNAPSHOT_TEST_KEYCLOAK_URL} (e.g. {@code http://127.0.0.1:8180})
 * names an already running Keycloak with that realm instead.
 *
 * <p>Inputs (system properties, usually set by the module's surefire configuration):
 * {@code snapshot.test.keycloak.dist} (the tar.gz), {@code snapshot.test.keycloak.realm} (the realm file;
 * default: {@code deploy/keycloak/realm.json} found upwards from the working directory).
 */
public final class TestKeycloak {

    public static final String REALM = "snapshots";
    public static final String ENV_EXTERNAL = "SNAPSHOT_TEST_KEYCLOAK_URL";
    private static final String PROP_URL = "snapshot.test.keycloak.url";
    private static final String VERSION = System.getProperty("snapshot.test.keycloak.version", "26.7.3");
    private static final Duration STARTUP = Duration.ofMinutes(15);

    private TestKeycloak() {
    }

    /** The base URL of the running Keycloak (starting it on first use), e.g. {@code http://127.0.0.1:41234}. */
    public static synchronized String baseUrl() {
        String running = System.getProperty(PROP_URL);
        if (running != null) {
            return running;
        }
        String external = System.getenv(ENV_EXTERNAL);
        String url = external != null && !external.isBlank() ? external.replaceAll("/+$", "") : start();
        awaitRealm(url, Instant.now().plus(STARTUP), null);
        System.setProperty(PROP_URL, url);
        return url;
    }

    /** The realm's issuer URL ({@code quarkus.oidc.auth-server-url}). */
    public static String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    private static String start() {
        try {
            return startOnce();
        } catch (KeycloakExited e) {
            // A database left behind by a killed run can keep Keycloak from starting: start over once without it.
            System.out.println("[TestKeycloak] " + e.getMessage() + "; retrying with a new database");
            try {
                KeycloakDistribution.deleteTree(KeycloakDistribution.prepare(VERSION).resolve("data/h2"));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            return startOnce();
        }
    }

    private static String startOnce() {
        try {
            Path home = KeycloakDistribution.prepare(VERSION);
            Path realm = realmFile();
            Path data = home.resolve("data");
            String realmHash = sha256(realm);
            Path hashFile = data.resolve("realm.sha256");
            if (!Files.exists(hashFile) || !Files.readString(hashFile).equals(realmHash)) {
                KeycloakDistribution.deleteTree(data.resolve("h2"));
            }
            Files.createDirectories(data.resolve("import"));
            Files.copy(realm, data.resolve("import").resolve("snapshots-realm.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            int port = freePort();
            Path log = home.resolveSibling("keycloak-" + VERSION + ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(),
                    "start", "--optimized", "--import-realm",
                    "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--hostname-strict=false", "--log-level=warn,org.keycloak.exportimport:info"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "demo-only-admin");
            System.out.println("[TestKeycloak] starting Keycloak " + VERSION + " on port " + port + ", log " + log);
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
            String url = "http://127.0.0.1:" + port;
            awaitRealm(url, Instant.now().plus(STARTUP), process);
            Files.writeString(hashFile, realmHash);
            System.out.println("[TestKeycloak] ready at " + url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitRealm(String url, Instant deadline, Process process) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(url + "/realms/" + REALM + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new KeycloakExited("Keycloak exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(2000);
        }
        throw new IllegalStateException("Keycloak realm " + REALM + " not ready at " + url + " within " + STARTUP);
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path realmFile() {
        String configured = System.getProperty("snapshot.test.keycloak.realm");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/keycloak/realm.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/keycloak/realm.json not found; set snapshot.test.keycloak.realm");
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keycloak's process ended before the realm was ready. */
    private static final class KeycloakExited extends IllegalStateException {
        KeycloakExited(String message) {
            super(message);
        }
    }
}
