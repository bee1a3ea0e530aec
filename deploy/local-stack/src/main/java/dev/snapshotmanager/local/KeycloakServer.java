package dev.snapshotmanager.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keycloak ({@code org.keycloak:keycloak-quarkus-dist} from Maven Central, unpacked once into {@code .local/}) in
 * development mode with the realm of {@code deploy/keycloak/realm.json} imported on first start; its H2 data
 * stays in the unpacked directory between runs.
 */
final class KeycloakServer implements Component {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin";

    private final StackLayout layout;
    private final StackSettings settings;
    private ChildProcess process;

    KeycloakServer(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    /** The distribution in the local Maven repository (fetched by ./snapshot-manager with mvn dependency:get). */
    static Path distribution(StackSettings settings) {
        String v = settings.keycloakVersion();
        return Path.of(settings.mavenRepository(), "org/keycloak/keycloak-quarkus-dist", v,
                "keycloak-quarkus-dist-" + v + ".tar.gz");
    }

    Path home() {
        return layout.local().resolve("keycloak").resolve("keycloak-" + settings.keycloakVersion());
    }

    @Override
    public String name() {
        return "keycloak";
    }

    @Override
    public void start() throws Exception {
        Path home = home();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            Files.createDirectories(home.getParent());
            Process tar = new ProcessBuilder("tar", "-xzf", distribution(settings).toString(), "-C",
                    home.getParent().toString()).inheritIO().start();
            if (tar.waitFor() != 0 || !Files.isRegularFile(home.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("could not unpack " + distribution(settings));
            }
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.copy(layout.root().resolve("deploy/keycloak/realm.json"), imports.resolve("realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> env = Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m", "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        process = ChildProcess.start(name(), List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + settings.keycloakPort(), "--import-realm"), env, home, layout.log(name()));
    }

    @Override
    public boolean ready() {
        return Http.ok(probe());
    }

    @Override
    public boolean alive() {
        return process != null && process.alive();
    }

    @Override
    public long pid() {
        return process == null ? 0 : process.pid();
    }

    @Override
    public String probe() {
        return settings.realmUrl() + "/.well-known/openid-configuration";
    }

    @Override
    public String where() {
        return settings.keycloakUrl() + "/admin (admin/admin), realm " + StackSettings.REALM;
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }
}
