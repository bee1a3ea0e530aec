package dev.snapshotmanager.emulator.faults;

import dev.snapshotmanager.emulator.EmulatorTestBase;
import dev.snapshotmanager.emulator.scenario.ScenarioApplier;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Scenarios posted as YAML or JSON, the generator, and inspection. */
class ScenarioApiTest extends EmulatorTestBase {

    @Test
    void loadsAYamlScenarioWithSnapshotsAndQuotas() {
        String yaml = """
                projects:
                  - { name: shop, quota: { snapshots: 3 } }
                users:
                  - { name: alice, password: pw, roles: { shop: [member] } }
                volumes:
                  - { id: 11111111-1111-4111-8111-111111111111, name: db, project: shop, size: 50 }
                snapshots:
                  - { name: old, volume: db, metadata: { managed-by: snapshot-manager } }
                """;

        RestAssured.given().baseUri(emulator.baseUrl()).contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/_emulator/scenario").then().statusCode(200).body("volumes", equalTo(1))
                .body("snapshots", equalTo(1));

        String shop = ScenarioApplier.keystoneId("project", "shop");
        assertThat(emulator.state().blockStorage().quota(shop).snapshots()).isEqualTo(3);
        assertThat(emulator.state().blockStorage().usage(shop).gigabytes()).isEqualTo(100);
        RestAssured.given().baseUri(emulator.baseUrl()).get("/_emulator/snapshots?project_id=" + shop)
                .then().statusCode(200).body("snapshots", hasSize(1))
                .body("snapshots[0].metadata.managed-by", equalTo("snapshot-manager"))
                .body("snapshots[0].volume_id", equalTo("11111111-1111-4111-8111-111111111111"));
    }

    @Test
    void rejectsAScenarioWithUnknownKeys() {
        RestAssured.given().baseUri(emulator.baseUrl()).contentType("application/json")
                .body("{\"volumez\":[]}").post("/_emulator/scenario").then().statusCode(400)
                .body("error.code", equalTo(400));
    }

    @Test
    void generatesProjectsVolumesAttachmentsAndLegacyTags() {
        RestAssured.given().baseUri(emulator.baseUrl()).contentType("application/json")
                .body("{\"projects\":5,\"volumesPerProject\":40,\"attachedShare\":0.5,\"taggedShare\":0.25,\"seed\":3}")
                .post("/_emulator/generate").then().statusCode(200).body("projects", equalTo(5))
                .body("volumes", equalTo(200));

        String p1 = ScenarioApplier.keystoneId("project", "project-0001");
        var page = emulator.state().blockStorage().volumes(new dev.snapshotmanager.emulator.state.ListQuery<>(
                p1, v -> true, null, 1000, java.util.List.of()));
        assertThat(page).hasSize(40);
        assertThat(page).anyMatch(v -> v.status().equals("in-use") && !v.attachments().isEmpty());
        assertThat(page).anyMatch(v -> "daily".equals(v.metadata().get("snapshot_policies")));
        assertThat(emulator.state().identity().userByName("user-0001", "default")).isPresent();
    }

    @Test
    void resetsToTheLoadedScenario() {
        emulator.state().blockStorage().setQuota(DEMO_PROJECT,
                dev.snapshotmanager.emulator.model.Quota.DEFAULT.with("snapshots", 99));

        RestAssured.given().baseUri(emulator.baseUrl()).post("/_emulator/reset").then().statusCode(200);

        assertThat(emulator.state().blockStorage().quota(DEMO_PROJECT).snapshots()).isEqualTo(10);
    }
}
