package dev.snapshotmanager.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a service process gets in the local stack: the production configuration keys of the services
 * (their README tables), pointed at the local PostgreSQL, Kafka, Keycloak and the emulator (or a real OpenStack).
 * Secrets here are the demo-only values of {@code deploy/keycloak/realm.json}.
 */
public final class ServiceEnv {

    /** Client secrets of deploy/keycloak/realm.json (demo only; production reads them from a secret store). */
    static final String GATEWAY_CLIENT_SECRET = "demo-only-gateway-secret-change-me";
    static final String WORKER_CLIENT_SECRET = "demo-only-worker-secret";
    static final String POSTGRES_USER = "postgres";
    static final String POSTGRES_PASSWORD = "postgres";

    private ServiceEnv() {
    }

    /**
     * @param sessionSecret the gateway's session cookie encryption secret (32+ characters, kept in .local/data)
     */
    public static Map<String, String> of(ServiceSpec spec, StackSettings settings, String sessionSecret) {
        ServiceSpec service = settings.service(spec);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        env.put("QUARKUS_HTTP_HOST", "localhost");
        // Readable logs in .local/logs (production keeps JSON).
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("QUARKUS_BANNER_ENABLED", "false");
        if (service.is(ServiceSpec.EMULATOR)) {
            return env;
        }
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", settings.realmUrl());
        if (service.ownsDatabase()) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", settings.jdbcUrl(service.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", POSTGRES_USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", POSTGRES_PASSWORD);
        }
        if (!service.is(ServiceSpec.GATEWAY)) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap());
        }
        if (service.is(ServiceSpec.WORKER)) {
            worker(env, settings);
        }
        if (service.is(ServiceSpec.POLICY)) {
            // Publish each volume's resolved policies (compliance) one second after a change; the periodic pass (for
            // expired exclusions) is rare, so that the system tests see the pass that a change starts.
            env.put("SNAPSHOT_POLICY_VOLUME_POLICIES_AFTER_CHANGE", "1s");
            env.put("SNAPSHOT_POLICY_VOLUME_POLICIES_INTERVAL", "5m");
            env.put("SNAPSHOT_POLICY_VOLUME_POLICIES_INITIAL_DELAY", "3s");
        }
        if (service.is(ServiceSpec.GATEWAY)) {
            env.put("QUARKUS_OIDC_CREDENTIALS_SECRET", GATEWAY_CLIENT_SECRET);
            env.put("QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", sessionSecret);
            env.put("SNAPSHOT_GATEWAY_UPSTREAMS_POLICY", settings.service(ServiceSpec.POLICY).baseUrl());
            env.put("SNAPSHOT_GATEWAY_UPSTREAMS_RUN", settings.service(ServiceSpec.RUN).baseUrl());
            env.put("SNAPSHOT_GATEWAY_UPSTREAMS_AUDIT", settings.service(ServiceSpec.AUDIT).baseUrl());
            env.put("SNAPSHOT_GATEWAY_UPSTREAMS_WORKER", settings.service(ServiceSpec.WORKER).baseUrl());
        }
        return env;
    }

    private static void worker(Map<String, String> env, StackSettings settings) {
        StackSettings.OpenStackTarget os = settings.openStack();
        env.put("SNAPSHOT_OPENSTACK_AUTH_URL", os.authUrl());
        env.put("SNAPSHOT_OPENSTACK_USERNAME", os.username());
        env.put("SNAPSHOT_OPENSTACK_PASSWORD", os.password());
        env.put("SNAPSHOT_OPENSTACK_PROJECT", os.project());
        os.userDomain().ifPresent(v -> env.put("SNAPSHOT_OPENSTACK_USER_DOMAIN", v));
        os.projectDomain().ifPresent(v -> env.put("SNAPSHOT_OPENSTACK_PROJECT_DOMAIN", v));
        os.region().ifPresent(v -> env.put("SNAPSHOT_OPENSTACK_REGION", v));
        if (os.emulated()) {
            // The demo cloud is small and local: make snapshots visible quickly and sync the inventory often.
            env.put("SNAPSHOT_WORKER_POLL_INITIAL_INTERVAL", "200ms");
            env.put("SNAPSHOT_WORKER_POLL_MAX_INTERVAL", "2s");
            env.put("SNAPSHOT_WORKER_INVENTORY_INTERVAL", "1m");
            env.put("SNAPSHOT_WORKER_INVENTORY_INITIAL_DELAY", "3s");
        }
        env.put("QUARKUS_REST_CLIENT_POLICY_SERVICE_URL", settings.service(ServiceSpec.POLICY).baseUrl());
        env.put("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", settings.realmUrl());
        env.put("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", WORKER_CLIENT_SECRET);
    }
}
