package dev.snapshotmanager.emulator.server;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The emulator mounted on Quarkus's HTTP server. */
@QuarkusTest
class EmulatorServerTest {

    @Test
    void reportsReadyWithTheLoadedScenario() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("openstack-emulator"));
    }

    @Test
    void issuesATokenThroughTheMountedRouter() {
        given().contentType(ContentType.JSON).body("""
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo",
                "domain":{"name":"Default"},"password":"secret"}}},
                "scope":{"project":{"name":"demo","domain":{"id":"default"}}}}}""")
                .post("/identity/v3/auth/tokens")
                .then().statusCode(201).header("X-Subject-Token", startsWith("gAAAAAB"))
                .body("token.project.name", equalTo("demo"))
                .body("token.catalog[0].endpoints[0].url", startsWith("http://localhost:"));
    }

    @Test
    void exposesEmulatorGaugesToPrometheus() {
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("emulator_volumes 5.0"));
    }
}
