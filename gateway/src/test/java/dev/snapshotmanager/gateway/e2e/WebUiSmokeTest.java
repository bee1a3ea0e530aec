package dev.snapshotmanager.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser against the gateway (services are the module's fake upstreams): a deep link survives
 * the Keycloak login, the shell shows who is signed in, the navigation switches screens without reloading, and the
 * screens render (screenshots in target/screenshots, checked not to be blank).
 */
@QuarkusTest
class WebUiSmokeTest {

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
    void signsInAtADeepLinkAndNavigatesBetweenScreens() {
        String base = "http://127.0.0.1:" + gateway.getPort();
        Chromium.logIn(browser, base + "/login?next=/runs", "admin", "demo-admin", base + "/runs");

        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=user-name]"), "admin"));
        assertThat(browser.findElement(By.cssSelector("[data-testid=user-roles]")).getText()).contains("admin");
        assertThat(browser.findElement(By.cssSelector("[data-testid=user-tenants]")).getText()).isEqualTo("all tenants");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Runs"));
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-now]"))).as("admins may run now").hasSize(1);
        Chromium.screenshot(browser, "runs");

        browser.findElement(By.cssSelector("[data-testid=nav-audit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Audit trail"));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/audit");
        Chromium.screenshot(browser, "audit");

        browser.findElement(By.cssSelector("[data-testid=nav-policy-sets]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Policy sets"));
        Chromium.screenshot(browser, "policy-sets");

        // A reload of a deep link is answered with the app, which shows the same screen.
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Policy sets"));
    }

    @Test
    void aViewerIsNotOfferedEditActions() {
        String base = "http://127.0.0.1:" + gateway.getPort();
        Chromium.logIn(browser, base + "/login?next=/runs", "viewer", "demo-viewer", base + "/runs");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=user-name]"), "viewer"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Runs"));
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-now]"))).isEmpty();
        Chromium.screenshot(browser, "runs-viewer");
    }
}
