package dev.snapshotmanager.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person logging in: headless Debian Chromium opens the gateway, is sent to Keycloak's real login page, signs in
 * as a demo user and lands back on the gateway with a session cookie that the API accepts.
 */
@QuarkusTest
class BrowserLoginTest {

    @TestHTTPResource("/")
    URI gateway;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
        wait = Chromium.waitFor(browser);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void logsInThroughKeycloaksLoginPageAndCallsTheApiWithTheSession() {
        // Loopback IP, so that Keycloak accepts the gateway's random port in the redirect URI (RFC 8252).
        String base = "http://127.0.0.1:" + gateway.getPort();
        logIn(base, "tenant-viewer", "demo-tenant-viewer");
        // The web UI's shell greets the user by the name the gateway's /api/v1/me gives.
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=user-name]"), "tenant-viewer"));

        browser.get(base + "/api/v1/me");
        String me = browser.findElement(By.tagName("body")).getText();
        assertThat(me).contains("\"name\":\"tenant-viewer\"")
                .contains("\"roles\":[\"viewer\"]")
                .contains("\"tenants\":[\"demo-project-1\"]");
    }

    @Test
    void logsOutAtKeycloakAndLosesTheSession() {
        String base = "http://127.0.0.1:" + gateway.getPort();
        logIn(base, "operator", "demo-operator");
        browser.get(base + "/api/v1/me");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"name\":\"operator\"");

        browser.get(base + "/logout");
        // Keycloak sends the browser back to the UI's signed-out page (with its state parameter).
        wait.until(ExpectedConditions.urlMatches("^" + Pattern.quote(base) + "/signed-out(\\?.*)?$"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=signed-out]")));
        browser.get(base + "/api/v1/me");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"status\":401");
    }

    @Test
    void sendsABrowserWithoutSessionToKeycloakButAnswersItsApiCallsWith401() {
        String base = "http://127.0.0.1:" + gateway.getPort();
        browser.get(base + "/api/v1/me");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/api/v1/me");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"status\":401");
    }

    private void logIn(String base, String user, String password) {
        Chromium.logIn(browser, base + "/login", user, password, base + "/");
    }
}
