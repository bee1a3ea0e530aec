package dev.snapshotmanager.local;

import static dev.snapshotmanager.local.DeployFiles.DEPLOY;
import static dev.snapshotmanager.local.DeployFiles.docs;
import static dev.snapshotmanager.local.DeployFiles.map;
import static dev.snapshotmanager.local.DeployFiles.maps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshotmanager.events.Topics;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** deploy/compose.yaml and deploy/monitoring cannot silently rot. */
class ComposeAndMonitoringTest {

    private final Map<String, Object> compose = docs(DEPLOY.resolve("compose.yaml")).get(0).body();
    private final Map<String, Object> services = map(compose, "services");

    @Test
    void composeRunsTheInfrastructureAndTheFiveServicesWithHealthchecks() {
        assertThat(services).containsKeys("postgres", "kafka", "keycloak", "openstack-emulator");
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            assertThat(services).containsKey(spec.name());
            assertThat((String) map(services, spec.name()).get("image"))
                    .isEqualTo("snapshot-manager/" + spec.module() + ":0.1.0-SNAPSHOT");
            assertThat(DeployFiles.list(map(services, spec.name(), "healthcheck"), "test").toString())
                    .contains("localhost:" + spec.port() + "/q/health/ready");
        }
        services.keySet().stream().filter(n -> !n.equals("kafka-topics"))
                .forEach(n -> assertThat(map(services, n, "healthcheck")).as(n).containsKey("test"));
        assertThat((String) map(services, "keycloak").get("image")).endsWith(":" + DeployFiles.rootPomProperty("keycloak.version"));
    }

    @Test
    void composeStartsEachServiceOnlyAfterItsDependenciesAreHealthy() {
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            Map<String, Object> dependsOn = map(services, spec.name(), "depends_on");
            assertThat(dependsOn).as(spec.name()).isNotEmpty().containsKey("keycloak");
            dependsOn.forEach((dependency, how) -> {
                String condition = (String) ((Map<?, ?>) how).get("condition");
                assertThat(condition).as("%s -> %s", spec.name(), dependency)
                        .isIn("service_healthy", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                    assertThat(map(services, dependency, "healthcheck")).as(dependency).isNotEmpty();
                }
            });
            if (spec.ownsDatabase()) {
                assertThat(dependsOn).containsKeys("postgres", "kafka", "kafka-topics");
                assertThat(map(services, spec.name(), "environment").get("QUARKUS_DATASOURCE_JDBC_URL"))
                        .isEqualTo("jdbc:postgresql://postgres:5432/" + spec.database());
            }
        }
    }

    @Test
    void composeCreatesEveryTopicAndTakesSecretsOnlyFromTheEnvironment() throws Exception {
        String script = Files.readString(DEPLOY.resolve("compose/create-topics.sh"));
        for (String topic : TopicPlanTest.contractTopics()) {
            assertThat(script).contains("create " + topic + " ");
            assertThat(script).contains(" " + topic.substring("snapshot.".length(), topic.length() - ".v1".length()));
        }
        assertThat(script).contains("\"snapshot.$t.v1.dlq\"");
        String databases = Files.readString(DEPLOY.resolve("compose/create-databases.sql"));
        ServiceSpec.SERVICES.stream().filter(ServiceSpec::ownsDatabase)
                .forEach(s -> assertThat(databases).contains("CREATE DATABASE " + s.database() + ";"));
        for (String name : services.keySet()) {
            map(services, name, "environment").forEach((key, value) -> {
                if (key.matches(".*(PASSWORD|SECRET).*")) {
                    assertThat(String.valueOf(value)).as("%s %s", name, key).startsWith("${").contains(":?");
                }
            });
        }
    }

    @Test
    void alertRulesCoverFailedPartialAndStuckRunsLagsCinderErrorsAndCompliance() {
        List<Map<String, Object>> rules = new java.util.ArrayList<>();
        for (Map<String, Object> group : maps(docs(DEPLOY.resolve("monitoring/snapshot-manager-alerts.yaml")).get(0).body(),
                "groups")) {
            assertThat(group).containsKey("name");
            rules.addAll(maps(group, "rules"));
        }
        Set<String> names = new HashSet<>();
        for (Map<String, Object> rule : rules) {
            String alert = (String) rule.get("alert");
            names.add(alert);
            String expr = String.valueOf(rule.get("expr"));
            assertThat(expr).as(alert).matches("(?s).*\\b(snapshot|audit|kafka)_\\w+.*");
            assertBalanced(alert, expr);
            assertThat(map(rule, "labels").get("severity")).as(alert).isIn("warning", "critical");
            assertThat(map(rule, "annotations")).as(alert).containsKeys("summary", "description");
        }
        assertThat(names).doesNotHaveDuplicates().contains("SnapshotRunFailed", "SnapshotRunPartial", "SnapshotRunStuck",
                "SnapshotSchedulerLag", "SnapshotConsumerLag", "SnapshotCinderErrorRate", "SnapshotComplianceMissing");
    }

    @Test
    void grafanaDashboardHasAQueryOnEveryPanel() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("monitoring/grafana-dashboard.json").toFile());
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        Set<Integer> ids = new HashSet<>();
        Set<String> metrics = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertBalanced(panel.path("title").asText(), expr);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b((snapshot|audit)_\\w+)").matcher(expr);
                while (m.find()) {
                    metrics.add(m.group(1));
                }
            }
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(10);
        assertThat(metrics).contains("snapshot_runs_total", "snapshot_scheduler_lag_seconds_max",
                "snapshot_cinder_errors_total", "snapshot_volume_actions_total", "audit_records_stored_total");
        assertThat(Topics.VOLUME_RESULTS).isNotBlank();
    }

    private static void assertBalanced(String what, String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            assertThat(depth).as("%s: %s", what, expr).isNotNegative();
        }
        assertThat(depth).as("%s: %s", what, expr).isZero();
    }
}
