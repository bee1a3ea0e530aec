package dev.snapshotmanager.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/**
 * What every service promises operations: readiness on its real dependencies, liveness, an OpenAPI document,
 * Prometheus metrics and problem bodies for unknown paths. A service's {@code @QuarkusTest OperationsTest} extends
 * this and names its application and the readiness checks its dependencies must report.
 */
public abstract class OperationsContract {

    /** The {@code quarkus.application.name}, which titles the OpenAPI document. */
    protected abstract String applicationName();

    /** The readiness checks that must be present (and UP), e.g. the database and Kafka checks. */
    protected abstract String[] requiredReadinessChecks();

    @Test
    public void isReadyOnItsRealDependencies() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.status", everyItem(is("UP")))
                .body("checks.name", hasItems(requiredReadinessChecks()));
    }

    @Test
    public void isLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    public void publishesItsOpenApiDocument() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", containsString("3."))
                .body("info.title", containsString(applicationName()));
    }

    @Test
    public void exportsPrometheusMetrics() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    public void answersUnknownPathsWithAProblemBody() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }
}
