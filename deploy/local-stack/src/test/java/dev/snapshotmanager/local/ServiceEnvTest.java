package dev.snapshotmanager.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvTest {

    private static final StackSettings LOCAL = StackSettings.from(Map.of("HOME", "/home/demo"));

    @Test
    void pointsEachDatabaseOwningServiceAtItsOwnDatabaseOnTheLocalServer() {
        Map<String, String> policy = ServiceEnv.of(ServiceSpec.POLICY, LOCAL, "s");
        Map<String, String> audit = ServiceEnv.of(ServiceSpec.AUDIT, LOCAL, "s");

        assertThat(policy).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:15432/snapshot_policy")
                .containsEntry("QUARKUS_HTTP_PORT", "8081").containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:19092")
                .containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", "http://localhost:8180/realms/snapshots");
        assertThat(policy).as("volume policies are published a second after a change in a local stack")
                .containsEntry("SNAPSHOT_POLICY_VOLUME_POLICIES_AFTER_CHANGE", "1s");
        assertThat(audit.get("QUARKUS_DATASOURCE_JDBC_URL")).endsWith("/snapshot_audit");
        assertThat(audit).doesNotContainKey("SNAPSHOT_POLICY_VOLUME_POLICIES_INTERVAL");
        assertThat(ServiceEnv.of(ServiceSpec.WORKER, LOCAL, "s")).doesNotContainKey("QUARKUS_DATASOURCE_JDBC_URL");
    }

    @Test
    void givesTheWorkerTheEmulatorAndItsOwnKeycloakClient() {
        Map<String, String> worker = ServiceEnv.of(ServiceSpec.WORKER, LOCAL, "s");

        assertThat(worker).containsEntry("SNAPSHOT_OPENSTACK_AUTH_URL", "http://localhost:5000/identity/v3")
                .containsEntry("SNAPSHOT_OPENSTACK_USERNAME", DemoCloud.SERVICE_USER)
                .containsEntry("SNAPSHOT_OPENSTACK_PROJECT", DemoCloud.SERVICE_PROJECT)
                .containsEntry("QUARKUS_REST_CLIENT_POLICY_SERVICE_URL", "http://localhost:8081")
                .containsEntry("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", "demo-only-worker-secret")
                .containsEntry("SNAPSHOT_WORKER_INVENTORY_INITIAL_DELAY", "3s");
    }

    @Test
    void pointsTheWorkerAtARealOpenStackWhenItsAuthUrlIsConfigured() {
        StackSettings real = StackSettings.from(Map.of("SNAPSHOT_OPENSTACK_AUTH_URL", "https://keystone.example:5000/v3",
                "SNAPSHOT_OPENSTACK_USERNAME", "svc-snap", "SNAPSHOT_OPENSTACK_PASSWORD", "pw",
                "SNAPSHOT_OPENSTACK_PROJECT", "services", "SNAPSHOT_OPENSTACK_REGION", "RegionTwo"));

        Map<String, String> worker = ServiceEnv.of(ServiceSpec.WORKER, real, "s");

        assertThat(real.openStack().emulated()).isFalse();
        assertThat(worker).containsEntry("SNAPSHOT_OPENSTACK_AUTH_URL", "https://keystone.example:5000/v3")
                .containsEntry("SNAPSHOT_OPENSTACK_USERNAME", "svc-snap").containsEntry("SNAPSHOT_OPENSTACK_PASSWORD", "pw")
                .containsEntry("SNAPSHOT_OPENSTACK_REGION", "RegionTwo")
                .doesNotContainKey("SNAPSHOT_WORKER_POLL_INITIAL_INTERVAL")
                .doesNotContainKey("SNAPSHOT_WORKER_INVENTORY_INITIAL_DELAY");
    }

    @Test
    void refusesARealOpenStackWithoutItsServiceUser() {
        assertThatThrownBy(() -> StackSettings.from(Map.of("SNAPSHOT_OPENSTACK_AUTH_URL", "https://k/v3")))
                .hasMessageContaining("SNAPSHOT_OPENSTACK_USERNAME");
    }

    @Test
    void routesTheGatewayToTheServicesWithItsClientAndSessionSecrets() {
        Map<String, String> gateway = ServiceEnv.of(ServiceSpec.GATEWAY, LOCAL, "session-secret-0123456789abcdef0123");

        assertThat(gateway).containsEntry("QUARKUS_HTTP_PORT", "8080")
                .containsEntry("SNAPSHOT_GATEWAY_UPSTREAMS_POLICY", "http://localhost:8081")
                .containsEntry("SNAPSHOT_GATEWAY_UPSTREAMS_RUN", "http://localhost:8082")
                .containsEntry("SNAPSHOT_GATEWAY_UPSTREAMS_AUDIT", "http://localhost:8083")
                .containsEntry("QUARKUS_OIDC_CREDENTIALS_SECRET", "demo-only-gateway-secret-change-me")
                .containsEntry("QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", "session-secret-0123456789abcdef0123")
                .doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void movesEveryLocalServerWhenItsPortIsConfigured() {
        StackSettings moved = StackSettings.from(Map.of("SNAPSHOT_LOCAL_POSTGRES_PORT", "25432",
                "SNAPSHOT_LOCAL_KAFKA_PORT", "29092", "SNAPSHOT_LOCAL_KEYCLOAK_PORT", "28180"));

        Map<String, String> run = ServiceEnv.of(ServiceSpec.RUN, moved, "s");

        assertThat(run).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:25432/snapshot_run")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:29092")
                .containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", "http://localhost:28180/realms/snapshots");
        assertThat(moved.kafkaControllerPort()).isEqualTo(29093);
        assertThatThrownBy(() -> StackSettings.from(Map.of("SNAPSHOT_LOCAL_KAFKA_PORT", "x")))
                .hasMessageContaining("SNAPSHOT_LOCAL_KAFKA_PORT");
    }

    @Test
    void movesEveryServiceAndTheEmulatorWhenTheirPortsAreConfigured() {
        StackSettings moved = StackSettings.from(Map.of("SNAPSHOT_LOCAL_POLICY_SERVICE_PORT", "18081",
                "SNAPSHOT_LOCAL_GATEWAY_PORT", "18080", "SNAPSHOT_LOCAL_OPENSTACK_EMULATOR_PORT", "15000"));

        Map<String, String> gateway = ServiceEnv.of(ServiceSpec.GATEWAY, moved, "s");
        Map<String, String> worker = ServiceEnv.of(ServiceSpec.WORKER, moved, "s");

        assertThat(gateway).containsEntry("QUARKUS_HTTP_PORT", "18080")
                .containsEntry("SNAPSHOT_GATEWAY_UPSTREAMS_POLICY", "http://localhost:18081")
                .containsEntry("SNAPSHOT_GATEWAY_UPSTREAMS_RUN", "http://localhost:8082");
        assertThat(worker).containsEntry("QUARKUS_HTTP_PORT", "8084")
                .containsEntry("QUARKUS_REST_CLIENT_POLICY_SERVICE_URL", "http://localhost:18081")
                .containsEntry("SNAPSHOT_OPENSTACK_AUTH_URL", "http://localhost:15000/identity/v3");
        assertThat(ServiceEnv.of(ServiceSpec.EMULATOR, moved, null)).containsEntry("QUARKUS_HTTP_PORT", "15000");
        assertThat(PortCheck.ports(moved)).containsEntry("gateway", 18080).containsEntry("openstack-emulator", 15000)
                .containsEntry("policy-service", 18081);
        assertThat(moved.service(ServiceSpec.POLICY).is(ServiceSpec.POLICY)).isTrue();
        assertThat(moved.service(ServiceSpec.POLICY).readinessUrl()).isEqualTo("http://localhost:18081/q/health/ready");
    }

    @Test
    void importsTheRealmAgainOnlyWhenTheRealmFileChanged(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path realm = dir.resolve("realm.json");
        java.nio.file.Path data = dir.resolve("keycloak/data");
        java.nio.file.Files.writeString(realm, "{\"realm\":\"snapshots\"}");
        java.nio.file.Files.createDirectories(data.resolve("h2"));
        java.nio.file.Files.writeString(data.resolve("h2/keycloakdb.mv.db"), "old");

        assertThat(KeycloakServer.reimportWhenChanged(data, realm)).as("no fingerprint yet").isTrue();
        assertThat(data.resolve("h2")).doesNotExist();
        java.nio.file.Files.createDirectories(data.resolve("h2"));
        assertThat(KeycloakServer.reimportWhenChanged(data, realm)).as("same realm").isFalse();
        assertThat(data.resolve("h2")).exists();
        java.nio.file.Files.writeString(realm, "{\"realm\":\"snapshots\",\"clients\":[]}");
        assertThat(KeycloakServer.reimportWhenChanged(data, realm)).as("changed realm").isTrue();
        assertThat(data.resolve("h2")).doesNotExist();
    }

    @Test
    void fetchesTheKeycloakVersionThatTheRootPomNames() throws Exception {
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("snapshot.repo.root", "../.."),
                "pom.xml"));

        assertThat(pom).contains("<keycloak.version>" + LOCAL.keycloakVersion() + "</keycloak.version>");
        assertThat(KeycloakServer.distribution(LOCAL).toString()).isEqualTo("/home/demo/.m2/repository/org/keycloak/"
                + "keycloak-quarkus-dist/" + LOCAL.keycloakVersion() + "/keycloak-quarkus-dist-" + LOCAL.keycloakVersion()
                + ".tar.gz");
    }

    @Test
    void runsEveryServiceInTheProductionProfileOnItsOwnPort() {
        assertThat(ServiceSpec.SERVICES).extracting(ServiceSpec::port).doesNotHaveDuplicates();
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            assertThat(ServiceEnv.of(spec, LOCAL, "s")).containsEntry("QUARKUS_PROFILE", "prod");
        }
    }
}
