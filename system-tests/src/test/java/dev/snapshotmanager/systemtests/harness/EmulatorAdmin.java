package dev.snapshotmanager.systemtests.harness;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/**
 * The OpenStack emulator's admin API ({@code /_emulator}, see deploy/openstack-emulator/README.md): what is really
 * in the cloud, and fault injection. Not part of the suite: tests use it to set the scene and to check the outcome.
 */
public final class EmulatorAdmin {

    private final String baseUrl;

    EmulatorAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Every snapshot of a project ({@code id, project_id, volume_id, name, status, size, metadata, created_at ...}),
     * whatever made it.
     */
    public List<Map<String, Object>> snapshots(String projectId) {
        return RestAssured.given().baseUri(baseUrl).queryParam("project_id", projectId).get("/snapshots")
                .then().statusCode(200).extract().jsonPath().getList("snapshots");
    }

    /** Replaces every fault setting (the README's JSON body). */
    public void faults(String json) {
        RestAssured.given().baseUri(baseUrl).contentType(ContentType.JSON).body(json).put("/faults")
                .then().statusCode(200);
    }

    /** No faults any more. */
    public void clearFaults() {
        RestAssured.given().baseUri(baseUrl).delete("/faults").then().statusCode(204);
    }
}
