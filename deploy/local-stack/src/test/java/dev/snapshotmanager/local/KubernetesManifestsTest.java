package dev.snapshotmanager.local;

import static dev.snapshotmanager.local.DeployFiles.KUBERNETES;
import static dev.snapshotmanager.local.DeployFiles.docs;
import static dev.snapshotmanager.local.DeployFiles.map;
import static dev.snapshotmanager.local.DeployFiles.maps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.local.DeployFiles.Doc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes cannot silently rot: structure, probes, resources, topics and secrets are checked here. */
class KubernetesManifestsTest {

    private static final Path BASE = KUBERNETES.resolve("base");

    @Test
    void everyKustomizationNamesFilesThatExistAndEveryManifestIsNamedByOne() {
        List<Path> kustomizations = DeployFiles.files(KUBERNETES, "kustomization.yaml");
        assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(4);
        Set<Path> named = new HashSet<>();
        for (Path k : kustomizations) {
            Map<String, Object> body = docs(k).get(0).body();
            assertThat(body.get("kind")).as(k.toString()).isEqualTo("Kustomization");
            assertThat(body).as(k + " must not generate secrets").doesNotContainKey("secretGenerator");
            for (Object resource : DeployFiles.list(body, "resources")) {
                Path target = k.getParent().resolve((String) resource).normalize();
                assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                        .as("%s names %s", k, resource).isTrue();
                named.add(target);
            }
            for (Map<String, Object> patch : maps(body, "patches")) {
                if (patch.containsKey("path")) {
                    Path target = k.getParent().resolve((String) patch.get("path")).normalize();
                    assertThat(target).as("%s patch", k).isRegularFile();
                    named.add(target);
                } else {
                    assertThat(patch).as("%s inline patch", k).containsKeys("target", "patch");
                }
            }
        }
        for (Path manifest : DeployFiles.files(KUBERNETES, ".yaml")) {
            if (!manifest.getFileName().toString().equals("kustomization.yaml")) {
                assertThat(named).as("%s is in no kustomization", manifest).contains(manifest.normalize());
            }
        }
    }

    @Test
    void runsEveryServiceWithProbesResourcesItsConfigMapAndASecretReference() {
        Map<String, Doc> deployments = byName(docs(BASE, "Deployment"));
        Set<String> configMaps = byName(docs(BASE, "ConfigMap")).keySet();
        assertThat(deployments).containsOnlyKeys(ServiceSpec.SERVICES.stream().map(ServiceSpec::name).toArray(String[]::new));
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            Map<String, Object> container = maps(map(deployments.get(spec.name()).body(), "spec", "template", "spec"),
                    "containers").get(0);
            assertThat(map(container, "readinessProbe", "httpGet")).as(spec.name()).containsEntry("path", "/q/health/ready");
            assertThat(map(container, "livenessProbe", "httpGet")).as(spec.name()).containsEntry("path", "/q/health/live");
            assertThat(map(container, "resources", "requests")).as(spec.name()).containsKeys("cpu", "memory");
            assertThat(map(container, "resources", "limits")).as(spec.name()).containsKeys("cpu", "memory");
            assertThat(maps(container, "ports").get(0)).containsEntry("containerPort", spec.port());
            List<Map<String, Object>> envFrom = maps(container, "envFrom");
            Set<String> configRefs = envFrom.stream().map(e -> map(e, "configMapRef")).filter(m -> !m.isEmpty())
                    .map(m -> (String) m.get("name")).collect(Collectors.toSet());
            assertThat(configMaps).as(spec.name()).containsAll(configRefs);
            assertThat(configRefs).contains(spec.name() + "-config");
            assertThat(envFrom).as(spec.name()).anyMatch(e -> (spec.name() + "-secrets").equals(map(e, "secretRef").get("name")));
            assertThat((String) container.get("image")).isEqualTo("snapshot-manager/" + spec.module() + ":0.1.0-SNAPSHOT");
        }
    }

    @Test
    void givesEveryServiceAServiceAndADisruptionBudgetAndTheWorkerAndGatewayAnAutoscaler() {
        Map<String, Doc> services = byName(docs(BASE, "Service"));
        Map<String, Doc> budgets = byName(docs(BASE, "PodDisruptionBudget"));
        Map<String, Doc> autoscalers = byName(docs(BASE, "HorizontalPodAutoscaler"));
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            assertThat(map(services.get(spec.name()).body(), "spec", "selector")).containsEntry("app.kubernetes.io/name", spec.name());
            assertThat(map(budgets.get(spec.name()).body(), "spec", "selector", "matchLabels"))
                    .containsEntry("app.kubernetes.io/name", spec.name());
        }
        assertThat(autoscalers).containsOnlyKeys("snapshot-worker", "gateway");
        autoscalers.values().forEach(h -> assertThat(map(h.body(), "spec", "scaleTargetRef"))
                .containsEntry("kind", "Deployment").containsEntry("name", h.name()));
    }

    @Test
    void givesEveryOtherDeploymentOfTheOverlaysProbesAndResources() {
        List<Map<String, Object>> containers = new java.util.ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet")) {
            docs(KUBERNETES.resolve("overlays"), kind).stream()
                    .filter(d -> !map(d.body(), "spec", "template").isEmpty())
                    .forEach(d -> containers.addAll(maps(map(d.body(), "spec", "template", "spec"), "containers")));
        }
        assertThat(containers).hasSizeGreaterThanOrEqualTo(3);
        assertThat(containers).filteredOn(c -> "keycloak".equals(c.get("name"))).singleElement()
                .satisfies(c -> assertThat((String) c.get("image")).endsWith(":" + DeployFiles.rootPomProperty("keycloak.version")));
        for (Map<String, Object> c : containers) {
            if (c.containsKey("image")) {
                assertThat(c).as((String) c.get("name")).containsKeys("readinessProbe", "livenessProbe", "resources");
            }
        }
    }

    @Test
    void patchesOnlyWhatTheBaseDeclares() {
        Set<String> declared = DeployFiles.files(BASE, ".yaml").stream().flatMap(f -> docs(f).stream())
                .filter(d -> d.kind() != null && !d.kind().equals("Kustomization"))
                .map(d -> d.kind() + "/" + d.name()).collect(Collectors.toSet());
        for (Path k : DeployFiles.files(KUBERNETES.resolve("overlays"), "kustomization.yaml")) {
            for (Map<String, Object> patch : maps(docs(k).get(0).body(), "patches")) {
                if (patch.containsKey("path")) {
                    for (Doc d : docs(k.getParent().resolve((String) patch.get("path")))) {
                        assertThat(declared).as("%s patches %s/%s", k, d.kind(), d.name()).contains(d.kind() + "/" + d.name());
                    }
                }
            }
        }
    }

    @Test
    void declaresEveryTopicOfTheContractAsAStrimziKafkaTopicAsTheLocalStackCreatesIt() {
        Map<String, Map<String, Object>> topics = docs(KUBERNETES.resolve("kafka-topics"), "KafkaTopic").stream()
                .collect(Collectors.toMap(d -> (String) map(d.body(), "spec").get("topicName"), d -> map(d.body(), "spec")));
        for (String contractTopic : TopicPlanTest.contractTopics()) {
            assertThat(topics).containsKey(contractTopic);
        }
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(
                TopicPlan.all().stream().map(TopicPlan.TopicSpec::name).toList());
        for (TopicPlan.TopicSpec planned : TopicPlan.all()) {
            Map<String, Object> spec = topics.get(planned.name());
            assertThat(spec.get("partitions")).as(planned.name()).isEqualTo(planned.partitions());
            Map<String, Object> config = map(spec, "config");
            planned.configs().forEach((key, value) -> assertThat(String.valueOf(config.get(key)))
                    .as("%s %s", planned.name(), key).isEqualTo(value));
            assertThat((Integer) spec.get("replicas")).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void commitsNoSecretValues() {
        for (Path file : DeployFiles.files(KUBERNETES, ".yaml")) {
            for (Doc doc : docs(file)) {
                assertThat(doc.kind()).as(file.toString()).isNotEqualTo("Secret");
                if ("ConfigMap".equals(doc.kind())) {
                    assertThat(map(doc.body(), "data").keySet()).as(file.toString())
                            .noneMatch(k -> k.matches("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL).*"));
                }
            }
            assertEnvValuesAreReferences(file);
        }
    }

    private static void assertEnvValuesAreReferences(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("- name: (\\S*(PASSWORD|SECRET|TOKEN)\\S*)\\n\\s+(\\w+):").matcher(text);
        while (m.find()) {
            assertThat(m.group(3)).as("%s: %s", file, m.group(1)).isEqualTo("valueFrom");
        }
    }

    private static Map<String, Doc> byName(List<Doc> docs) {
        return docs.stream().collect(Collectors.toMap(Doc::name, Function.identity()));
    }
}
