package dev.snapshotmanager.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behind the TLS ingress (deploy/kubernetes/overlays/production, ingress-nginx) the gateway is called over plain
 * HTTP with the original {@code Host} and {@code X-Forwarded-Proto: https}: it must still send browsers back to
 * Keycloak with an https redirect_uri, mark its cookies Secure and send HSTS; called directly over HTTP it must not.
 */
@QuarkusTest
class BehindTlsIngressTest {

    private static RequestSpecification throughTheIngress() {
        // what ingress-nginx sends for https://snapshots.example.com/... (it overwrites what the client sent)
        return given().redirects().follow(false)
                .header("Host", "snapshots.example.com")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443")
                .header("X-Forwarded-For", "203.0.113.7");
    }

    @Test
    void sendsTheBrowserToKeycloakWithAnHttpsRedirectUriAndSecureCookies() {
        Response login = throughTheIngress().when().get("/login");

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(redirectUri(login)).isEqualTo("https://snapshots.example.com/login");
        List<String> cookies = login.headers().getValues("Set-Cookie");
        assertThat(cookies).isNotEmpty().allSatisfy(c -> assertThat(c).containsIgnoringCase("; Secure"));
    }

    @Test
    void keepsPlainHttpForACallerThatComesDirectly() {
        Response login = given().redirects().follow(false).header("Host", "snapshots.example.com").when().get("/login");

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(redirectUri(login)).isEqualTo("http://snapshots.example.com/login");
        assertThat(login.headers().getValues("Set-Cookie")).isNotEmpty()
                .noneSatisfy(c -> assertThat(c).containsIgnoringCase("; Secure"));
    }

    @Test
    void sendsStrictTransportSecurityForHttpsAtTheIngress() {
        Response page = throughTheIngress().when().get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(given().when().get("/").header("Strict-Transport-Security")).isNull();
    }

    private static String redirectUri(Response login) {
        String location = login.header("Location");
        assertThat(location).as("Location").contains("/protocol/openid-connect/auth?");
        for (String parameter : location.substring(location.indexOf('?') + 1).split("&")) {
            if (parameter.startsWith("redirect_uri=")) {
                return URLDecoder.decode(parameter.substring("redirect_uri=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no redirect_uri in " + location);
    }
}
