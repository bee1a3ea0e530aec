package dev.snapshotmanager.emulator.http;

import dev.snapshotmanager.emulator.EmulatorTestBase;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

/** rest-assured against the emulator with tokens of the default scenario's users. */
abstract class RawHttpTestBase extends EmulatorTestBase {

    static String authBody(String user, String project) {
        return """
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s",
                "domain":{"name":"Default"},"password":"secret"}}},
                "scope":{"project":{"name":"%s","domain":{"id":"default"}}}}}""".formatted(user, project);
    }

    static String token(String user, String project) {
        return RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON)
                .body(authBody(user, project)).post("/identity/v3/auth/tokens")
                .then().statusCode(201).extract().header("X-Subject-Token");
    }

    static RequestSpecification as(String user, String project) {
        return RestAssured.given().baseUri(emulator.baseUrl()).header("X-Auth-Token", token(user, project));
    }

    static RequestSpecification demo() {
        return as("demo", "demo");
    }

    static RequestSpecification admin() {
        return as("admin", "admin");
    }

    static String cinder(String project) {
        return "/volume/v3/" + project;
    }

    static String snapshotBody(String volumeId) {
        return "{\"snapshot\":{\"volume_id\":\"" + volumeId + "\",\"name\":\"s\"}}";
    }

    static Map<String, Object> json(io.restassured.response.Response response) {
        return response.jsonPath().getMap("$");
    }
}
