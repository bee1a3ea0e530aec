package dev.snapshotmanager.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web UI as the gateway serves it: the app at '/', its deep links, its public assets, the API still guarded. */
@QuarkusTest
class WebUiTest {

    @Test
    void servesTheAppAtTheRootWithoutASession() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<div id=\"root\"></div>"))
                .body(containsString("/assets/index-"));
    }

    @Test
    void answersDeepLinksOfTheAppWithItsIndexPage() {
        String index = given().when().get("/").then().statusCode(200).extract().asString();
        for (String link : new String[] {"/runs/6c1f2b1e-8f0d-4a55-9d43-0b7d1f1e2a3b", "/policy-sets/new", "/audit",
            "/volumes"}) {
            String body = given().accept("text/html").when().get(link)
                    .then().statusCode(200).contentType(startsWith("text/html"))
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .extract().asString();
            assertThat(body).as(link).isEqualTo(index);
        }
    }

    @Test
    void servesTheAppsScriptAndStylesheetWithoutASession() {
        String index = given().when().get("/").then().extract().asString();
        Matcher assets = Pattern.compile("/assets/[A-Za-z0-9_.-]+\\.(js|css)").matcher(index);
        int found = 0;
        while (assets.find()) {
            found++;
            given().when().get(assets.group()).then().statusCode(200);
        }
        assertThat(found).isGreaterThanOrEqualTo(2);
    }

    @Test
    void keepsTheApiGuardedAndItsUnknownPathsProblems() {
        given().accept("text/html").when().get("/api/v1/runs")
                .then().statusCode(401).contentType("application/problem+json");
        Callers.as("viewer").accept("text/html").when().get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void answersMissingFilesWith404InsteadOfTheApp() {
        given().when().get("/assets/no-such-file.js").then().statusCode(404);
        given().when().get("/no-such-file.png").then().statusCode(404);
    }
}
