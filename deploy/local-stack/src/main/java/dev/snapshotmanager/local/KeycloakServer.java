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
 * stays in the unpacked directory between runs, until realm.json changes: then the realm is imported afresh
 * (Keycloak itself never re-imports an existing realm, so a new client or user would otherwise never appear).
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
        Path realm = layout.root().resolve("deploy/keycloak/realm.json");
        reimportWhenChanged(home.resolve("data"), realm);
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.copy(realm, imports.resolve("realm.json"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> env = Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m", "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        process = ChildProcess.start(name(), List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + settings.keycloakPort(), "--import-realm"), env, home, layout.log(name()));
    }

    /**
     * Drops the dev database when the realm file differs from the one imported last (a fingerprint kept in
     * {@code data/realm.sha256}), so that {@code --import-realm} imports it again. True when it dropped it.
     */
    static boolean reimportWhenChanged(Path data, Path realm) throws java.io.IOException {
        String fingerprint = java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(realm)));
        Path marker = data.resolve("realm.sha256");
        Path database = data.resolve("h2");
        boolean same = Files.isRegularFile(marker) && Files.readString(marker).trim().equals(fingerprint);
        boolean dropped = false;
        if (!same && Files.exists(database)) {
            try (java.util.stream.Stream<Path> walk = Files.walk(database)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            dropped = true;
        }
        Files.createDirectories(data);
        Files.writeString(marker, fingerprint + "\n");
        return dropped;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
