package dev.snapshotmanager.policy.api;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.globalSet;
import static dev.snapshotmanager.policy.Fixtures.policy;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static dev.snapshotmanager.policy.Fixtures.tenantSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.snapshotmanager.policy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PolicySetResourceTest {

    private static final String SETS = "/api/v1/policy-sets";

    @Test
    void createsASetWithLocationVersionAndAuthor() {
        Map<String, Object> body = globalSet().with("autoApply", true)
                .policy(policy("daily_5").with("timeZone", "Europe/Paris").with("maxAge", "P30D")).build();
        String location = as("admin").body(body).post(SETS).then().statusCode(201)
                .header("Location", containsString(SETS + "/"))
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo(body.get("name")))
                .body("scope", equalTo("GLOBAL"))
                .body("autoApply", equalTo(true))
                .body("active", equalTo(true))
                .body("policies[0].timeZone", equalTo("Europe/Paris"))
                .body("policies[0].missedRunMode", equalTo("SKIP"))
                .body("createdBy", equalTo("alice-admin"))
                .body("updatedBy", equalTo("alice-admin"))
                .extract().header("Location");
        as("viewer").get(location).then().statusCode(200).body("name", equalTo(body.get("name")))
                .body("policies[0].maxAge", equalTo("P30D"));
    }

    @Test
    void rejectsInvalidFieldsOneByOne() {
        Map<String, Object> body = Map.of("name", "Bad Name!", "scope", "GLOBAL", "priority", 1001, "policies", List.of(
                policy("daily").with("cron", "0 2 * *").with("timeZone", "Mars/Olympus").with("keepLast", 0)
                        .with("maxAge", "thirty days").build(),
                policy("weekly").with("cron", "61 2 * * *").with("keepLast", null).build(),
                policy("monthly").with("maxAge", "P2000000000Y").build()));
        ValidatableResponse response = as("admin").body(body).post(SETS).then().statusCode(422)
                .contentType("application/problem+json");
        List<String> fields = response.extract().path("violations.field");
        assertThat(fields).contains("name", "priority", "policies[0].cron", "policies[0].timeZone",
                "policies[0].keepLast", "policies[0].maxAge", "policies[1].cron", "policies[1].keepLast",
                "policies[2].maxAge");
    }

    @Test
    void requiresATenantExactlyForTenantScope() {
        as("admin").body(Map.of("name", Fixtures.unique("t"), "scope", "TENANT", "policies", List.of()))
                .post(SETS).then().statusCode(422).body("violations.field", hasItem("tenantId"));
        as("admin").body(globalSet().with("tenantId", tenant()).build())
                .post(SETS).then().statusCode(422).body("violations.field", hasItem("tenantId"));
    }

    @Test
    void rejectsADuplicateNameInTheSameScopeNamingTheExistingSet() {
        Map<String, Object> body = globalSet().build();
        String existing = as("admin").body(body).post(SETS).then().statusCode(201).extract().path("id");
        as("admin").body(body).post(SETS).then().statusCode(409)
                .contentType("application/problem+json")
                .body("conflictingId", equalTo(existing))
                .body("detail", containsString(existing));
    }

    @Test
    void allowsTheSameNameInAnotherScope() {
        String name = Fixtures.unique("shared");
        globalSet().with("name", name).create();
        tenantSet(tenant()).with("name", name).create();
        tenantSet(tenant()).with("name", name).create();
    }

    @Test
    void patchesWithTheCurrentVersionAndRejectsAStaleOne() {
        String id = globalSet().create();
        as("admin").header("If-Match", "\"0\"")
                .body(Map.of("priority", 700, "policies", List.of(policy("daily_5").with("keepLast", 9).build(),
                        policy("weekly").with("cron", "0 4 * * 0").build())))
                .patch(SETS + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("priority", equalTo(700))
                .body("policies.name", equalTo(List.of("daily_5", "weekly")))
                .body("policies[0].keepLast", equalTo(9))
                .body("version", equalTo(1));
        as("admin").header("If-Match", "\"0\"").body(Map.of("priority", 1))
                .patch(SETS + "/" + id).then().statusCode(412).contentType("application/problem+json");
        as("viewer").get(SETS + "/" + id).then().body("priority", equalTo(700));
    }

    @Test
    void refusesToChangeTheScopeOfASet() {
        String id = globalSet().create();
        as("admin").body(Map.of("scope", "TENANT", "tenantId", tenant())).patch(SETS + "/" + id)
                .then().statusCode(422).body("violations.field", hasItem("scope"));
    }

    @Test
    void deletesASetAndThenAnswers404() {
        String id = globalSet().create();
        as("admin").delete(SETS + "/" + id).then().statusCode(204);
        as("admin").get(SETS + "/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listsByFilterWithKeysetPagination() {
        String t = tenant();
        String prefix = Fixtures.unique("page");
        for (int i = 0; i < 5; i++) {
            tenantSet(t).with("name", prefix + "-" + i).with("active", i % 2 == 0).create();
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as("viewer").queryParam("tenantId", t).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(SETS).then().statusCode(200).extract();
            List<String> names = page.path("items.name");
            seen.addAll(names);
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);
        as("viewer").queryParam("tenantId", t).queryParam("active", false).get(SETS).then()
                .body("items", hasSize(2)).body("nextCursor", nullValue());
        as("viewer").queryParam("q", prefix + "-3").get(SETS).then()
                .body("items", hasSize(1)).body("items[0].name", endsWith("-3"));
    }

    @Test
    void rejectsAForgedCursor() {
        as("viewer").queryParam("cursor", "not-a-cursor!").get(SETS).then().statusCode(400)
                .contentType("application/problem+json").body("detail", notNullValue());
    }
}
