package dev.snapshotmanager.local;

import java.util.Map;
import java.util.Optional;

/**
 * What the local stack listens on and what it talks to, from the environment with local defaults.
 *
 * <p>Pointing the stack at a real OpenStack is configuration: set {@code SNAPSHOT_OPENSTACK_AUTH_URL} (Keystone v3,
 * e.g. {@code https://keystone.example:5000/v3}) with {@code SNAPSHOT_OPENSTACK_USERNAME},
 * {@code SNAPSHOT_OPENSTACK_PASSWORD}, {@code SNAPSHOT_OPENSTACK_PROJECT} (and optionally
 * {@code SNAPSHOT_OPENSTACK_USER_DOMAIN}, {@code SNAPSHOT_OPENSTACK_PROJECT_DOMAIN}, {@code SNAPSHOT_OPENSTACK_REGION});
 * the emulator is then not started and the worker talks to that cloud.
 *
 * @param postgresPort      {@code SNAPSHOT_LOCAL_POSTGRES_PORT}, default 15432
 * @param kafkaPort         {@code SNAPSHOT_LOCAL_KAFKA_PORT}, default 19092 (the KRaft controller uses the next port)
 * @param keycloakPort      {@code SNAPSHOT_LOCAL_KEYCLOAK_PORT}, default 8180
 * @param keycloakVersion   {@code SNAPSHOT_LOCAL_KEYCLOAK_VERSION}, default the root pom's keycloak.version (keycloak-quarkus-dist from Maven Central)
 * @param openStack         the cloud the worker talks to: the emulator unless {@code SNAPSHOT_OPENSTACK_AUTH_URL} is set
 * @param seedDemo          {@code SNAPSHOT_LOCAL_SEED}, default true: create the demo policy sets and rules
 * @param mavenRepository   local Maven repository ({@code SNAPSHOT_LOCAL_M2}, default ~/.m2/repository)
 * @param servicePorts      HTTP port per service and emulator name, from {@link ServiceSpec#portVariable()}
 *                          (e.g. {@code SNAPSHOT_LOCAL_GATEWAY_PORT}), default each module's own port
 */
public record StackSettings(int postgresPort, int kafkaPort, int keycloakPort, String keycloakVersion,
                            OpenStackTarget openStack, boolean seedDemo, String mavenRepository,
                            Map<String, Integer> servicePorts) {

    public StackSettings {
        servicePorts = Map.copyOf(servicePorts);
    }

    /** The root pom's keycloak.version (filtered into versions.properties). */
    public static final String DEFAULT_KEYCLOAK_VERSION = bundledKeycloakVersion();
    public static final String REALM = "snapshots";

    /**
     * The OpenStack cloud of the worker.
     *
     * @param emulated true when the launcher starts the emulator and owns these values
     */
    public record OpenStackTarget(boolean emulated, String authUrl, String username, String password, String project,
                                  Optional<String> userDomain, Optional<String> projectDomain, Optional<String> region) {
    }

    public static StackSettings from(Map<String, String> env) {
        int kc = intOf(env, "SNAPSHOT_LOCAL_KEYCLOAK_PORT", 8180);
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Map<String, Integer> servicePorts = new java.util.LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            servicePorts.put(spec.name(), intOf(env, spec.portVariable(), spec.port()));
        }
        return new StackSettings(intOf(env, "SNAPSHOT_LOCAL_POSTGRES_PORT", 15432),
                intOf(env, "SNAPSHOT_LOCAL_KAFKA_PORT", 19092), kc,
                env.getOrDefault("SNAPSHOT_LOCAL_KEYCLOAK_VERSION", DEFAULT_KEYCLOAK_VERSION),
                openStack(env, servicePorts.get(ServiceSpec.EMULATOR.name())),
                !"false".equalsIgnoreCase(env.getOrDefault("SNAPSHOT_LOCAL_SEED", "true")),
                env.getOrDefault("SNAPSHOT_LOCAL_M2", home + "/.m2/repository"), servicePorts);
    }

    /** The service (or the emulator) on its configured port. */
    public ServiceSpec service(ServiceSpec spec) {
        return spec.withPort(servicePorts.getOrDefault(spec.name(), spec.port()));
    }

    private static OpenStackTarget openStack(Map<String, String> env, int emulatorPort) {
        String authUrl = env.get("SNAPSHOT_OPENSTACK_AUTH_URL");
        if (authUrl == null || authUrl.isBlank()) {
            return new OpenStackTarget(true, "http://localhost:" + emulatorPort + "/identity/v3",
                    DemoCloud.SERVICE_USER, DemoCloud.SERVICE_PASSWORD, DemoCloud.SERVICE_PROJECT,
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        return new OpenStackTarget(false, authUrl, require(env, "SNAPSHOT_OPENSTACK_USERNAME"),
                require(env, "SNAPSHOT_OPENSTACK_PASSWORD"), require(env, "SNAPSHOT_OPENSTACK_PROJECT"),
                optional(env, "SNAPSHOT_OPENSTACK_USER_DOMAIN"), optional(env, "SNAPSHOT_OPENSTACK_PROJECT_DOMAIN"),
                optional(env, "SNAPSHOT_OPENSTACK_REGION"));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    public String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    public int kafkaControllerPort() {
        return kafkaPort + 1;
    }

    public String keycloakUrl() {
        return "http://localhost:" + keycloakPort;
    }

    /** The realm URL that every service validates tokens against (and that issues them). */
    public String realmUrl() {
        return keycloakUrl() + "/realms/" + REALM;
    }

    private static String bundledKeycloakVersion() {
        java.util.Properties versions = new java.util.Properties();
        try (java.io.InputStream in = StackSettings.class.getResourceAsStream("versions.properties")) {
            versions.load(in);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("versions.properties is missing from the launcher", e);
        }
        return versions.getProperty("keycloak.version");
    }

    private static int intOf(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("SNAPSHOT_OPENSTACK_AUTH_URL is set, so " + name + " must be set too");
        }
        return value;
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
