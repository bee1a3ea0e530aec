package dev.snapshotmanager.systemtests.harness;

import dev.snapshotmanager.local.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the Keycloak distribution is in the local Maven repository, where the launcher unpacks it from. The
 * Maven build of this module fetches it (dependency:copy); a run from an IDE fetches it here the way
 * {@code ./snapshot-manager up} does: {@code mvn dependency:get} from Maven Central.
 */
final class KeycloakDistribution {

    private KeycloakDistribution() {
    }

    static Path path(StackSettings settings) {
        String v = settings.keycloakVersion();
        return Path.of(settings.mavenRepository(), "org/keycloak/keycloak-quarkus-dist", v,
                "keycloak-quarkus-dist-" + v + ".tar.gz");
    }

    static void ensure(StackSettings settings, Path log) {
        Path dist = path(settings);
        if (Files.isRegularFile(dist)) {
            return;
        }
        String mavenHome = System.getProperty("maven.home");
        String mvn = mavenHome != null && Files.isExecutable(Path.of(mavenHome, "bin/mvn"))
                ? Path.of(mavenHome, "bin/mvn").toString() : "mvn";
        List<String> command = List.of(mvn, "-B", "-q", "dependency:get", "-Dtransitive=false",
                "-Dmaven.repo.local=" + settings.mavenRepository(),
                "-Dartifact=org.keycloak:keycloak-quarkus-dist:" + settings.keycloakVersion() + ":tar.gz");
        System.out.println("Fetching Keycloak " + settings.keycloakVersion() + " from Maven Central (once, ~200 MB)");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!Files.isRegularFile(dist)) {
            throw new IllegalStateException("Keycloak distribution missing at " + dist + " after "
                    + String.join(" ", command) + "; see " + log);
        }
    }
}
