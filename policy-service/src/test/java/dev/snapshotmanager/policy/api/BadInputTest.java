package dev.snapshotmanager.policy.api;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.globalSet;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.snapshotmanager.policy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input the service cannot take is a 4xx {@code application/problem+json} that says what is wrong, never a 500, and
 * changes nothing: NUL characters (PostgreSQL refuses them in text), values beyond PostgreSQL's limits, JSON of the
 * wrong type, bulk items without a volume.
 */
@QuarkusTest
class BadInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void rejectsANulCharacterInAQueryParameterNamingIt() {
        for (String list : List.of("/api/v1/policy-sets?q=", "/api/v1/assignments?serverId=", "/api/v1/exclusions?projectId=",
                "/api/v1/rules?tenantId=", "/api/v1/volumes?status=")) {
            as("viewer").urlEncodingEnabled(false).get(list + "a%00b").then().statusCode(400).contentType(PROBLEM)
                    .body("detail", containsString("query parameter '" + list.replaceAll(".*\\?|=", "") + "'"));
        }
    }

    @Test
    void rejectsABooleanParameterThatIsNeitherTrueNorFalse() {
        // before, JAX-RS read every other value as false and answered the page filtered the other way
        for (String list : List.of("/api/v1/policy-sets?active=maybe", "/api/v1/exclusions?includeExpired=yes",
                "/api/v1/assignments?autoSnapshot=1", "/api/v1/volumes?protected=ture", "/api/v1/rules?global=no")) {
            as("viewer").get(list).then().statusCode(400).contentType(PROBLEM);
        }
        as("viewer").get("/api/v1/policy-sets?active=TRUE").then().statusCode(200);
        as("viewer").get("/api/v1/exclusions?includeExpired=false").then().statusCode(200);
        as("viewer").get("/api/v1/exclusions").then().statusCode(200); // an absent primitive boolean is false
    }

    @Test
    void rejectsACronThatNeverFiresAndDescriptionsOfMoreThanAThousandCharacters() {
        // both were stored: a policy that could never run, descriptions of any size in every policy change event
        as("admin").body(globalSet().policy(Fixtures.policy("never").with("cron", "0 2 31 2 *")).build())
                .post("/api/v1/policy-sets").then().statusCode(422).contentType(PROBLEM)
                .body("violations.field", hasItem("policies[0].cron"))
                .body("violations.message", hasItem(containsString("never fires")));
        as("admin").body(globalSet().policy(Fixtures.policy("leap").with("cron", "0 2 29 2 *")).build())
                .post("/api/v1/policy-sets").then().statusCode(201);
        String tooLong = "d".repeat(1001);
        as("admin").body(globalSet().with("description", tooLong).build()).post("/api/v1/policy-sets")
                .then().statusCode(422).body("violations.field", hasItem("description"));
        as("admin").body(globalSet().policy(Fixtures.policy("daily_5").with("description", tooLong)).build())
                .post("/api/v1/policy-sets").then().statusCode(422)
                .body("violations.field", hasItem("policies[0].description"));
        String set = globalSet().with("description", "d".repeat(1000)).create();
        as("admin").body(Map.of("description", tooLong)).patch("/api/v1/policy-sets/" + set).then().statusCode(422)
                .body("violations.field", hasItem("description"));
        as("admin").body(Map.of("name", Fixtures.unique("rule"), "policySetId", set, "description", tooLong,
                "match", Map.of("domainName", "d"))).post("/api/v1/rules").then().statusCode(422)
                .body("violations.field", hasItem("description"));
    }

    @Test
    void rejectsANulCharacterInAVolumeIdOfThePath() {
        for (String path : List.of("/api/v1/assignments/a%00b", "/api/v1/exclusions/a%00b",
                "/api/v1/volumes/a%00b/effective-policy")) {
            as("operator").urlEncodingEnabled(false).get(path).then().statusCode(400).contentType(PROBLEM)
                    .body("detail", containsString("path parameter"));
        }
        as("operator").urlEncodingEnabled(false).delete("/api/v1/assignments/a%00b").then().statusCode(400);
    }

    @Test
    void rejectsANulCharacterInABodyStringNamingTheField() {
        as("admin").body(globalSet().with("description", "a\u0000b").build()).post("/api/v1/policy-sets")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("'description'"));
        as("operator").body(Map.of("volumeId", Fixtures.unique("vol"), "projectId", tenant(), "reason", "r\u0000"))
                .post("/api/v1/exclusions").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'reason'"));
        as("operator").body(Map.of("items", List.of(Map.of("volumeId", "v\u0000", "projectId", tenant(),
                "autoSnapshot", false)))).post("/api/v1/assignments/bulk").then().statusCode(400)
                .contentType(PROBLEM).body("detail", containsString("'items[0].volumeId'"));
        as("viewer").body(Map.of("volume", Map.of("id", "v", "projectId", "p\u0000")))
                .post("/api/v1/rules/test").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'volume.projectId'"));
    }

    @Test
    void rejectsANulCharacterInARuleMatchKeyOrValue() {
        String set = globalSet().create();
        as("admin").body(Map.of("name", Fixtures.unique("rule"), "policySetId", set,
                "match", Map.of("metadataEquals", Map.of("k\u0000", "v")))).post("/api/v1/rules")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("'match.metadataEquals"));
        as("admin").body(Map.of("name", Fixtures.unique("rule"), "policySetId", set,
                "match", Map.of("domainName", "d\u0000"))).post("/api/v1/rules")
                .then().statusCode(400).contentType(PROBLEM);
        // an object or a nested list is no match value (it was stored as the text "" or "[...]")
        for (Object notAValue : List.of(Map.of(), List.of(List.of("a")), List.of(Map.of("a", "b")))) {
            as("admin").body(Map.of("name", Fixtures.unique("rule"), "policySetId", set,
                    "match", Map.of("domainName", notAValue))).post("/api/v1/rules")
                    .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("'match.domainName'"));
        }
        as("admin").body(Map.of("name", Fixtures.unique("rule"), "policySetId", set,
                "match", Map.of("domainName", List.of("a", 5)))).post("/api/v1/rules").then().statusCode(201);
    }

    @Test
    void rejectsALegacyImportWithANulCharacterAndImportsNothing() {
        String name = Fixtures.unique("legacy");
        as("admin").body("[{\"name\":\"" + name + "\",\"policies\":[\"daily_5\"],\"tenant_name\":\"t\\u0000\"}]")
                .post("/api/v1/rules/import").then().statusCode(400).contentType(PROBLEM);
        as("viewer").get("/api/v1/policy-sets?q=" + name).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void answersAWrongJsonTypeOrUnknownEnumValueWithAProblemNamingTheField() {
        as("admin").body(globalSet().with("scope", "global").build()).post("/api/v1/policy-sets")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("'scope'"));
        as("operator").body(Map.of("items", Map.of())).post("/api/v1/assignments/bulk")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("'items'"));
        as("admin").body("[]").post("/api/v1/policy-sets").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void rejectsABulkItemWithoutAVolumeIdAsAViolation() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("projectId", tenant());
        item.put("autoSnapshot", false);
        as("operator").body(Map.of("items", List.of(item))).post("/api/v1/assignments/bulk")
                .then().statusCode(422).contentType(PROBLEM).body("violations.field", hasItem("items[0].volumeId"));
    }

    @Test
    void rejectsAnExclusionExpiryPostgresqlCannotStore() {
        String volume = Fixtures.unique("vol");
        as("operator").body(Map.of("volumeId", volume, "projectId", tenant(), "reason", "r",
                "expiresAt", "+300000-01-01T00:00:00Z")).post("/api/v1/exclusions")
                .then().statusCode(422).contentType(PROBLEM).body("violations.field", hasItem("expiresAt"));
        String other = Fixtures.unique("vol");
        as("operator").body(Map.of("volumeId", other, "projectId", tenant(), "reason", "r"))
                .post("/api/v1/exclusions").then().statusCode(201);
        as("operator").body(Map.of("expiresAt", "-300000-01-01T00:00:00Z")).patch("/api/v1/exclusions/" + other)
                .then().statusCode(422).contentType(PROBLEM).body("violations.field", hasItem("expiresAt"));
        as("viewer").get("/api/v1/exclusions/" + other).then().statusCode(200).body("expiresAt", equalTo(null));
    }

    @Test
    void rejectsAVolumeIdTooLargeForAnIndexWithoutStoringIt() {
        String volume = incompressible(10_000);
        as("operator").body(Map.of("volumeId", volume, "projectId", tenant(), "reason", "r"))
                .post("/api/v1/exclusions").then().statusCode(400).contentType(PROBLEM);
        as("operator").body(Map.of("volumeId", volume, "projectId", tenant(), "autoSnapshot", false))
                .post("/api/v1/assignments").then().statusCode(400).contentType(PROBLEM);
    }

    /** Random letters and digits: PostgreSQL cannot compress them below its largest index row. */
    private static String incompressible(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
