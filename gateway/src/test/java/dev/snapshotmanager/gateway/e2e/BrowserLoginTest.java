package dev.snapshotmanager.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
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
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Snapshot Manager");

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
        // Keycloak sends the browser back to the gateway's post-logout page (with its state parameter).
        wait.until(ExpectedConditions.urlMatches("^" + Pattern.quote(base) + "/(\\?.*)?$"));
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
        browser.get(base + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(keycloakUrl() + "/realms/snapshots/");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/"));
    }

    private static String keycloakUrl() {
        return ConfigProvider.getConfig().getValue("snapshot.test.keycloak.url", String.class);
    }
}
