package dev.snapshotmanager.emulator.http;

import dev.snapshotmanager.emulator.scenario.Scenario;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/** Cinder v3 volumes, headers, microversions and the common error answers. */
class CinderVolumeContractTest extends RawHttpTestBase {

    @Test
    void putsTheCinderHeadersOnEveryAnswer() {
        demo().get(cinder(DEMO_PROJECT) + "/volumes/detail").then().statusCode(200)
                .header("OpenStack-API-Version", "volume 3.0").header("Vary", "OpenStack-API-Version")
                .header("x-openstack-request-id", matchesPattern("req-[0-9a-f-]{36}"));
        demo().get(cinder(DEMO_PROJECT) + "/volumes/" + ALT_VOLUME).then().statusCode(404)
                .header("OpenStack-API-Version", "volume 3.0")
                .body(equalTo("{\"itemNotFound\":{\"code\":404,\"message\":\"Volume " + ALT_VOLUME
                        + " could not be found.\"}}"));
    }

    @Test
    void rendersAVolumeWithStringBootableAndAttachments() {
        Response r = demo().get(cinder(DEMO_PROJECT) + "/volumes/" + BOOT_VOLUME);

        r.then().statusCode(200).contentType("application/json")
                .body("volume.bootable", equalTo("true")).body("volume.encrypted", equalTo(false))
                .body("volume.status", equalTo("in-use")).body("volume.size", equalTo(20))
                .body("volume.'os-vol-tenant-attr:tenant_id'", equalTo(DEMO_PROJECT))
                .body("volume.attachments[0].server_id", equalTo(WEB_SERVER))
                .body("volume.attachments[0].id", equalTo(BOOT_VOLUME))
                .body("volume.attachments[0].volume_id", equalTo(BOOT_VOLUME))
                .body("volume.attachments[0].device", equalTo("/dev/vda"))
                .body("volume.created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));
        assertThat(json(r)).containsOnlyKeys("volume");
        demo().get(cinder(DEMO_PROJECT) + "/volumes/" + DATA_VOLUME).then().body("volume.bootable", equalTo("false"));
    }

    @Test
    void answersAForeignProjectInTheUrlWithMalformedRequestUrl() {
        demo().get(cinder(ALT_PROJECT) + "/volumes/detail").then().statusCode(400)
                .body(equalTo("{\"badRequest\":{\"code\":400,\"message\":\"Malformed request url\"}}"));
    }

    @Test
    void answersAMissingOrBogusTokenWith401() {
        RestAssured.given().baseUri(emulator.baseUrl()).get(cinder(DEMO_PROJECT) + "/volumes/detail")
                .then().statusCode(401).header("WWW-Authenticate", "Keystone uri=\"" + emulator.baseUrl() + "/identity\"")
                .body("error.message", equalTo("The request you have made requires authentication."));
        RestAssured.given().baseUri(emulator.baseUrl()).header("X-Auth-Token", "bogus")
                .get(cinder(DEMO_PROJECT) + "/snapshots").then().statusCode(401).body("error.code", equalTo(401));
    }

    @Test
    void negotiatesMicroversions() {
        demo().header("OpenStack-API-Version", "volume 3.50").get(cinder(DEMO_PROJECT) + "/volumes/" + DATA_VOLUME)
                .then().statusCode(200).header("OpenStack-API-Version", "volume 3.50")
                .body("volume.shared_targets", equalTo(false));
        demo().header("OpenStack-API-Version", "volume latest").get(cinder(DEMO_PROJECT) + "/volumes")
                .then().statusCode(200).header("OpenStack-API-Version", "volume 3.71");
        demo().header("OpenStack-API-Version", "volume 3.99").get(cinder(DEMO_PROJECT) + "/volumes")
                .then().statusCode(406).body("computeFault.code", equalTo(406))
                .body("computeFault.message", equalTo(
                        "Version 3.99 is not supported by the API. Minimum is 3.0 and maximum is 3.71."));
        demo().header("OpenStack-API-Version", "volume 3.x").get(cinder(DEMO_PROJECT) + "/volumes")
                .then().statusCode(400).body("badRequest.code", equalTo(400));
    }

    @Test
    void listsSummariesAndDetailsOfTheCallersProjectOnly() {
        demo().get(cinder(DEMO_PROJECT) + "/volumes").then().statusCode(200).body("volumes", hasSize(4))
                .body("volumes[0].keySet()", equalTo(java.util.Set.of("id", "links", "name")));
        demo().get(cinder(DEMO_PROJECT) + "/volumes/detail?all_tenants=1").then().statusCode(200)
                .body("volumes", hasSize(4));
        admin().get(cinder(ADMIN_PROJECT) + "/volumes/detail?all_tenants=1").then().statusCode(200)
                .body("volumes", hasSize(5));
        admin().get(cinder(ADMIN_PROJECT) + "/volumes/detail?all_tenants=1&project_id=" + ALT_PROJECT)
                .then().statusCode(200).body("volumes.id", equalTo(List.of(ALT_VOLUME)));
        admin().get(cinder(ADMIN_PROJECT) + "/volumes/detail").then().statusCode(200).body("volumes", hasSize(0));
    }

    @Test
    void filtersByStatusAndMetadata() {
        demo().get(cinder(DEMO_PROJECT) + "/volumes/detail?status=in-use").then()
                .body("volumes.id", equalTo(List.of(BOOT_VOLUME)));
        demo().queryParam("metadata", "{'auto_snapshot':'true'}").get(cinder(DEMO_PROJECT) + "/volumes/detail").then()
                .body("volumes.id", equalTo(List.of(TAGGED_VOLUME)));
    }

    @Test
    void pagesNewestFirstWithANextLinkOnlyOnFullPages() {
        Response first = demo().get(cinder(DEMO_PROJECT) + "/volumes/detail?limit=3");
        List<String> firstIds = first.jsonPath().getList("volumes.id");
        String next = first.jsonPath().getString("volumes_links[0].href");
        Response second = demo().get(cinder(DEMO_PROJECT) + "/volumes/detail?limit=3&marker=" + firstIds.get(2));

        assertThat(firstIds).containsExactly(BROKEN_VOLUME, TAGGED_VOLUME, BOOT_VOLUME);
        assertThat(first.jsonPath().getString("volumes_links[0].rel")).isEqualTo("next");
        assertThat(next).isEqualTo(emulator.baseUrl() + cinder(DEMO_PROJECT) + "/volumes/detail?limit=3&marker="
                + BOOT_VOLUME);
        second.then().body("volumes.id", equalTo(List.of(DATA_VOLUME))).body("volumes_links", nullValue());
        assertThat(json(demo().get(cinder(DEMO_PROJECT) + "/volumes/detail"))).containsOnlyKeys("volumes");
    }

    @Test
    void sortsByOtherKeys() {
        demo().get(cinder(DEMO_PROJECT) + "/volumes/detail?sort=size:asc").then()
                .body("volumes.size", equalTo(List.of(1, 5, 10, 20)));
        demo().get(cinder(DEMO_PROJECT) + "/volumes/detail?sort_key=name&sort_dir=asc").then()
                .body("volumes.name", equalTo(List.of("boot-1", "broken-1", "data-1", "tagged-1")));
    }

    @Test
    void rejectsBadPagingParameters() {
        demo().get(cinder(DEMO_PROJECT) + "/volumes/detail?marker=00000000-0000-4000-8000-00000000dead").then()
                .statusCode(404).body("itemNotFound.message",
                        equalTo("Marker 00000000-0000-4000-8000-00000000dead could not be found."));
        demo().get(cinder(DEMO_PROJECT) + "/volumes/detail?limit=abc").then().statusCode(400)
                .body("badRequest.message", equalTo("limit param must be an integer"));
        demo().get(cinder(DEMO_PROJECT) + "/volumes/detail?limit=-1").then().statusCode(400)
                .body("badRequest.message", equalTo("limit param must be positive"));
        demo().get(cinder(DEMO_PROJECT) + "/volumes/detail?sort=colour:asc").then().statusCode(400)
                .body("badRequest.code", equalTo(400));
    }

    @Test
    void capsTheLimitAtOneThousand() {
        emulator.load(new Scenario(null, null, null, List.of(new Scenario.UserSpec(null, "admin", null, null,
                null, Map.of("project-0001", List.of("admin")))), null, null, null, null,
                new Scenario.GeneratorSpec(1, 1001, 0.0, 0.0, 1, 1L, null, null)));
        String project = dev.snapshotmanager.emulator.scenario.ScenarioApplier.keystoneId("project", "project-0001");

        Response page = as("admin", "project-0001").get(cinder(project) + "/volumes?limit=5000");

        page.then().statusCode(200).body("volumes", hasSize(1000)).body("volumes_links[0].rel", equalTo("next"));
    }

    @Test
    void getsSetsAndMergesVolumeMetadata() {
        String base = cinder(DEMO_PROJECT) + "/volumes/" + TAGGED_VOLUME + "/metadata";
        demo().get(base).then().statusCode(200)
                .body("metadata", equalTo(Map.of("auto_snapshot", "true", "snapshot_policies", "daily")));
        demo().contentType("application/json").body("{\"metadata\":{\"owner\":\"ops\"}}").post(base)
                .then().statusCode(200).body("metadata.owner", equalTo("ops"))
                .body("metadata.auto_snapshot", equalTo("true"));
        demo().contentType("application/json").body("{\"metadata\":{\"only\":\"this\"}}").put(base)
                .then().statusCode(200).body("metadata", equalTo(Map.of("only", "this")));
        demo().get(base + "/only").then().statusCode(200).body("meta", equalTo(Map.of("only", "this")));
        demo().delete(base + "/only").then().statusCode(200);
        demo().get(base + "/only").then().statusCode(404).body("itemNotFound.message",
                equalTo("Volume " + TAGGED_VOLUME + " has no metadata with key only."));
    }
}
