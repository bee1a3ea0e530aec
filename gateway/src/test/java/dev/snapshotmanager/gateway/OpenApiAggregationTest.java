package dev.snapshotmanager.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiAggregationTest {

    @Test
    void mergesEveryServicesRoutedOperationsWithTheOidcScheme() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/policy-sets"))
                .body("paths", hasKey("/api/v1/policy-sets/{id}"))
                .body("paths", hasKey("/api/v1/volumes"))
                .body("paths", hasKey("/api/v1/runs"))
                .body("paths", hasKey("/api/v1/runs/{id}/events"))
                .body("paths", hasKey("/api/v1/runs/{id}/records"))
                .body("paths", hasKey("/api/v1/me"))
                .body("paths", not(hasKey("/q/health")))
                .body("components.schemas", hasKey("PolicySet"))
                .body("components.schemas", hasKey("Run"))
                .body("components.schemas", hasKey("Record"))
                .body("components.securitySchemes.oidc.type", equalTo("openIdConnect"))
                .body("security[0]", hasKey("oidc"));
    }

    @Test
    void takesEachPathFromTheServiceThatOwnsIt() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/records'.get.operationId", equalTo("listRecords"));
    }
}
