package dev.snapshotmanager.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaAndSeedTest {

    @Test
    void configuresOneCombinedKraftNodeOnTheLocalPorts() throws Exception {
        Properties props = new Properties();
        props.load(new StringReader(KafkaBroker.serverProperties(StackSettings.from(Map.of()), Path.of("/tmp/k"))));

        assertThat(props).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@localhost:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:19092")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("log.dirs", "/tmp/k");
    }

    @Test
    void fillsInTheIdsOfPolicySetsCreatedByEarlierSteps() throws Exception {
        var body = new ObjectMapper().readTree("{\"policySetId\":\"{{frequent}}\",\"name\":\"r\"}");

        assertThat(DemoSeed.resolve(body, Map.of("frequent", "0b5e"))).contains("{\"policySetId\":\"0b5e\",\"name\":\"r\"}");
        assertThat(DemoSeed.resolve(body, Map.of())).isEmpty();
    }

    @Test
    void usesTheFirstEndpointThatPolicyServiceOffers() {
        List<String> candidates = List.of("/api/v1/rules", "/api/v1/assignment-rules");

        assertThat(DemoSeed.choosePath(candidates, Set.of("/api/v1/assignment-rules"))).contains("/api/v1/assignment-rules");
        assertThat(DemoSeed.choosePath(candidates, Set.of("/api/v1/policy-sets"))).isEmpty();
    }

    @Test
    void seedsTheDemoPoliciesThatTheLegacyMetadataOfTheDemoCloudNames() {
        Set<String> seededPolicies = new HashSet<>();
        Set<String> saved = new HashSet<>();
        for (DemoSeed.Step step : DemoSeed.steps()) {
            step.body().path("policies").forEach(p -> seededPolicies.add(p.get("name").asText()));
            assertThat(DemoSeed.resolve(step.body(), Map.of()).isPresent()
                    || step.body().toString().matches(".*\\{\\{(" + String.join("|", saved) + ")}}.*"))
                    .as("%s names only earlier steps", step.describe()).isTrue();
            if (step.saveAs() != null) {
                saved.add(step.saveAs());
            }
        }
        assertThat(seededPolicies).contains("daily_5", "monthly_1st", "hourly_24");
        Set<String> named = new HashSet<>();
        DemoCloud.generate(Launcher.DEMO_SEED).volumes().forEach(v -> {
            for (String key : List.of("snapshot_policies", "snapshot_policy")) {
                String value = v.metadata().get(key);
                if (value != null) {
                    for (String name : value.split("[,;]")) {
                        named.add(name.trim());
                    }
                }
            }
        });
        assertThat(seededPolicies).containsAll(named);
        assertThat(DemoSeed.steps()).anyMatch(s -> s.paths().get(0).contains("rules"));
    }
}
