package dev.snapshotmanager.testsupport.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Unpacks the Keycloak distribution once per machine into a cache folder outside the repository and runs the
 * one-time {@code kc.sh build}, so that test runs only ever {@code start --optimized}.
 */
final class KeycloakDistribution {

    private KeycloakDistribution() {
    }

    /** The prepared Keycloak home for {@code version}. */
    static Path prepare(String version) throws IOException {
        Path cache = Path.of(System.getProperty("snapshot.test.keycloak.cache",
                System.getProperty("user.home") + "/.cache/snapshot-manager"));
        Path home = cache.resolve("keycloak-" + version);
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            unpack(dist(version), cache, home);
        }
        Path built = home.resolve(".built-for-tests");
        if (!Files.exists(built)) {
            run(List.of(home.resolve("bin/kc.sh").toString(), "build", "--db=dev-file"), home, 20);
            Files.writeString(built, "kc.sh build --db=dev-file\n");
        }
        return home;
    }

    private static Path dist(String version) {
        String configured = System.getProperty("snapshot.test.keycloak.dist");
        Path dist = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist",
                        version, "keycloak-quarkus-dist-" + version + ".tar.gz");
        if (!Files.isRegularFile(dist)) {
            throw new IllegalStateException("Keycloak distribution not found at " + dist
                    + " (mvn dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:" + version + ":tar.gz)");
        }
        return dist;
    }

    private static void unpack(Path dist, Path cache, Path home) throws IOException {
        Files.createDirectories(cache);
        Path staging = Files.createTempDirectory(cache, "unpack-");
        System.out.println("[TestKeycloak] unpacking " + dist + " into " + home);
        run(List.of("tar", "-xzf", dist.toString(), "-C", staging.toString()), staging, 10);
        try (Stream<Path> unpacked = Files.list(staging)) {
            Path root = unpacked.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IllegalStateException("empty Keycloak archive " + dist));
            deleteTree(home);
            Files.move(root, home, StandardCopyOption.ATOMIC_MOVE);
        }
        deleteTree(staging);
    }

    private static void run(List<String> command, Path dir, int minutes) throws IOException {
        // Output to a file: a forked test JVM's own stdout is surefire's channel.
        Path log = dir.resolveSibling(dir.getFileName() + "-setup.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        Process process = builder.start();
        try {
            if (!process.waitFor(minutes, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("failed: " + String.join(" ", command) + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
}
