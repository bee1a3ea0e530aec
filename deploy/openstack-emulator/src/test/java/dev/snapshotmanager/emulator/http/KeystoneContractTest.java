package dev.snapshotmanager.emulator.http;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Keystone v3 answers, byte for byte where OPENSTACK.md says so. */
class KeystoneContractTest extends RawHttpTestBase {

    @Test
    void issuesAProjectTokenOnlyInTheSubjectTokenHeaderWithADevstackCatalog() {
        Response response = RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON)
                .body(authBody("demo", "demo")).post("/identity/v3/auth/tokens");

        response.then().statusCode(201).header("X-Subject-Token", startsWith("gAAAAAB"))
                .contentType("application/json")
                .body("token.project.id", equalTo(DEMO_PROJECT))
                .body("token.user.domain.id", equalTo("default"))
                .body("token.roles.name", equalTo(List.of("member")))
                .body("token.methods", equalTo(List.of("password")));
        assertThat(response.asString()).doesNotContain(response.header("X-Subject-Token"));
        List<Map<String, Object>> catalog = response.jsonPath().getList("token.catalog");
        assertThat(catalog).extracting(s -> s.get("type") + "/" + s.get("name"))
                .containsExactly("block-storage/cinder", "volumev3/cinderv3", "compute/nova", "identity/keystone");
        assertThat(response.jsonPath().getList("token.catalog[0].endpoints.interface"))
                .containsExactly("public", "internal", "admin");
        assertThat(response.jsonPath().getString("token.catalog[0].endpoints[0].url"))
                .isEqualTo(emulator.baseUrl() + "/volume/v3/" + DEMO_PROJECT);
        assertThat(response.jsonPath().getString("token.catalog[0].endpoints[0].region")).isEqualTo("RegionOne");
        assertThat(response.jsonPath().getString("token.catalog[0].endpoints[0].region_id")).isEqualTo("RegionOne");
        assertThat(response.jsonPath().getString("token.catalog[2].endpoints[0].url"))
                .isEqualTo(emulator.baseUrl() + "/compute/v2.1");
        assertThat(response.jsonPath().getString("token.expires_at")).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{6}Z");
    }

    @Test
    void authenticatesByUserIdAndProjectIdAndByToken() {
        String byId = """
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"%s","password":"secret"}}},
                "scope":{"project":{"id":"%s"}}}}""".formatted(DEMO_USER, DEMO_PROJECT);
        String first = RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON).body(byId)
                .post("/identity/v3/auth/tokens").then().statusCode(201).extract().header("X-Subject-Token");
        String byToken = """
                {"auth":{"identity":{"methods":["token"],"token":{"id":"%s"}},
                "scope":{"project":{"id":"%s"}}}}""".formatted(first, DEMO_PROJECT);

        RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON).body(byToken)
                .post("/identity/v3/auth/tokens").then().statusCode(201)
                .body("token.methods", equalTo(List.of("token", "password")))
                .body("token.project.id", equalTo(DEMO_PROJECT));
    }

    @Test
    void answersAWrongPasswordWith401AndWwwAuthenticate() {
        RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON)
                .body(authBody("demo", "demo").replace("secret", "nope")).post("/identity/v3/auth/tokens")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Keystone uri=\"" + emulator.baseUrl() + "/identity\"")
                .body(equalTo("{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":"
                        + "\"The request you have made requires authentication.\"}}"));
    }

    @Test
    void refusesAProjectWhereTheUserHasNoRole() {
        RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON)
                .body(authBody("demo", "alt-demo")).post("/identity/v3/auth/tokens")
                .then().statusCode(401).body("error.code", equalTo(401));
    }

    @Test
    void answersANameWithoutDomainWith400() {
        String userWithoutDomain = """
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","password":"secret"}}},
                "scope":{"project":{"id":"%s"}}}}""".formatted(DEMO_PROJECT);
        String projectWithoutDomain = authBody("demo", "demo").replace(",\"domain\":{\"id\":\"default\"}", "");

        RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON).body(userWithoutDomain)
                .post("/identity/v3/auth/tokens").then().statusCode(400)
                .body("error.title", equalTo("Bad Request"))
                .body("error.message", startsWith("Expecting to find domain in user."));
        RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON).body(projectWithoutDomain)
                .post("/identity/v3/auth/tokens").then().statusCode(400)
                .body("error.message", startsWith("Expecting to find domain in project."));
    }

    @Test
    void listsProjectsAndDomainsForAdminsOnly() {
        admin().get("/identity/v3/projects?name=demo").then().statusCode(200)
                .body("projects.id", equalTo(List.of(DEMO_PROJECT)))
                .body("projects[0].domain_id", equalTo("default"))
                .body("projects[0].is_domain", equalTo(false))
                .body("links.next", equalTo(null));
        admin().get("/identity/v3/domains").then().statusCode(200).body("domains.name", equalTo(List.of("Default")));
        demo().get("/identity/v3/projects").then().statusCode(403).body("error.code", equalTo(403))
                .body("error.title", equalTo("Forbidden"));
        demo().get("/identity/v3/domains").then().statusCode(403);
        admin().get("/identity/v3/projects/nope").then().statusCode(404)
                .body("error.message", equalTo("Could not find project: nope."));
    }

    @Test
    void answersWhetherAProjectIsEnabledAndScopesNoTokenToADisabledOne() {
        String yaml = """
                projects:
                  - { name: admin }
                  - { name: open }
                  - { name: closed, enabled: false }
                users:
                  - { name: admin, password: secret, roles: { admin: [admin], open: [member], closed: [member] } }
                """;
        RestAssured.given().baseUri(emulator.baseUrl()).contentType("application/yaml")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/_emulator/scenario").then().statusCode(200);
        String closed = dev.snapshotmanager.emulator.scenario.ScenarioApplier.keystoneId("project", "closed");

        Response listed = admin().get("/identity/v3/projects");

        listed.then().statusCode(200);
        assertThat(listed.jsonPath().getMap("projects.collectEntries { [it.name, it.enabled] }"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("admin", true, "open", true, "closed", false));
        admin().get("/identity/v3/projects/" + closed).then().statusCode(200)
                .body("project.enabled", equalTo(false));
        token("admin", "open");
        RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON)
                .body(authBody("admin", "closed")).post("/identity/v3/auth/tokens")
                .then().statusCode(401).body("error.code", equalTo(401));
    }

    @Test
    void answersWhetherADomainIsEnabledAndScopesNoTokenToAProjectOfADisabledOne() {
        String yaml = """
                domains:
                  - { name: shut, enabled: false }
                projects:
                  - { name: admin }
                  - { name: inside, domain: shut }
                users:
                  - { name: admin, password: secret, roles: { admin: [admin], inside: [member] } }
                """;
        RestAssured.given().baseUri(emulator.baseUrl()).contentType("application/yaml")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/_emulator/scenario").then().statusCode(200);
        String shut = dev.snapshotmanager.emulator.scenario.ScenarioApplier.keystoneId("domain", "shut");
        String inside = dev.snapshotmanager.emulator.scenario.ScenarioApplier.keystoneId("project", "inside");

        Response listed = admin().get("/identity/v3/domains");

        listed.then().statusCode(200);
        assertThat(listed.jsonPath().getMap("domains.collectEntries { [it.name, it.enabled] }"))
                .containsEntry("shut", false).containsEntry("Default", true);
        admin().get("/identity/v3/projects/" + inside).then().statusCode(200)
                .body("project.enabled", equalTo(true)).body("project.domain_id", equalTo(shut));
        RestAssured.given().baseUri(emulator.baseUrl()).contentType(ContentType.JSON)
                .body(authBody("admin", "admin").replace(
                        "\"scope\":{\"project\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"}}}",
                        "\"scope\":{\"project\":{\"id\":\"" + inside + "\"}}"))
                .post("/identity/v3/auth/tokens")
                .then().statusCode(401).body("error.code", equalTo(401));
    }

    @Test
    void grantsAndChecksRolesOnProjects() {
        String member = admin().get("/identity/v3/roles?name=member").then().statusCode(200)
                .extract().jsonPath().getString("roles[0].id");
        String path = "/identity/v3/projects/" + ALT_PROJECT + "/users/" + DEMO_USER + "/roles/" + member;

        admin().head(path).then().statusCode(404);
        admin().put(path).then().statusCode(204);
        admin().head(path).then().statusCode(204);
        demo().put(path).then().statusCode(403);

        token("demo", "alt-demo");
        admin().get("/identity/v3/role_assignments?scope.project.id=" + ALT_PROJECT + "&user.id=" + DEMO_USER)
                .then().statusCode(200).body("role_assignments[0].role.id", equalTo(member));
    }

    @Test
    void validatesATokenWithTheSubjectHeader() {
        String subject = token("demo", "demo");
        admin().header("X-Subject-Token", subject).get("/identity/v3/auth/tokens").then().statusCode(200)
                .header("X-Subject-Token", subject).body("token.user.name", equalTo("demo"));
        admin().header("X-Subject-Token", "bogus").get("/identity/v3/auth/tokens").then().statusCode(404);
    }
}
