package dev.snapshotmanager.systemtests.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.systemtests.harness.DemoUser;
import dev.snapshotmanager.systemtests.harness.SystemStack;
import dev.snapshotmanager.systemtests.harness.SystemStackExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The operator's console in a real browser against the whole stack: an admin signs in through Keycloak, creates a
 * policy set, assigns it to volumes, plans a dry run, runs it for real and watches it reach COMPLETED live (Server-Sent
 * Events), finds its records in the audit trail with a filter and checks the CSV export of that filter; a tenant viewer
 * sees only its tenant and no edit actions. Screenshots of each screen go to target/screenshots and must not be blank.
 */
@ExtendWith(SystemStackExtension.class)
// Its run must not meet another class's injected emulator faults (it expects COMPLETED).
@ResourceLock(value = SystemStack.EMULATOR_FAULTS, mode = ResourceAccessMode.READ)
class ConsoleSystemTest {

    static final String PROJECT = "demo-project-5";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private WebDriverClient browser;
    private final List<String> assigned = new java.util.ArrayList<>();
    private String setName;

    @AfterEach
    void closeBrowserAndRemoveWhatTheTestMade(SystemStack stack) {
        if (browser != null) {
            browser.close();
        }
        // other classes use the same project: take the assignments and the set away again
        for (String volumeId : assigned) {
            stack.as(DemoUser.ADMIN).delete("/api/v1/assignments/" + volumeId);
        }
        if (setName != null) {
            List<String> ids = stack.as(DemoUser.ADMIN).queryParam("q", setName).get("/api/v1/policy-sets")
                    .then().extract().jsonPath().getList("items.id");
            ids.forEach(id -> stack.as(DemoUser.ADMIN).queryParam("force", true).delete("/api/v1/policy-sets/" + id));
        }
    }

    @Test
    void anAdminCreatesAssignsRunsAndAuditsASetInTheBrowser(SystemStack stack) throws IOException {
        String base = loopback(stack);
        browser = WebDriverClient.start(log("chromedriver-admin.log"));
        logIn(stack, base + "/login?next=/policy-sets/new", DemoUser.ADMIN);
        browser.awaitText("[data-testid=user-name]", "admin");

        // 1. a policy set with one policy, created through the form
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String set = "ui-e2e-" + suffix;
        String policy = "ui_daily_" + suffix;
        setName = set;
        browser.type("input[name=name]", set);
        browser.clickOn("[data-testid=add-policy]");
        browser.type("input[name='policies[0].name']", policy);
        browser.type("input[name='policies[0].keepLast']", "3");
        screenshot("policy-set-form");
        browser.clickOn("[data-testid=save-policy-set]");
        browser.awaitUrl(base + "/policy-sets");
        browser.awaitText("[data-testid='policy-set-" + set + "']", "keep last 3 snapshots");
        screenshot("policy-sets");

        // 2. assigned to three volumes of one project, selected in the inventory
        browser.open(base + "/volumes?status=available&projectId=" + PROJECT);
        browser.await("[data-testid=volumes-table] tbody input[type=checkbox]");
        List<String> boxes = browser.findAll("[data-testid=volumes-table] tbody input[type=checkbox]");
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(3);
        for (String box : boxes.subList(0, 3)) {
            browser.click(box);
            assigned.add(browser.attribute(box, "aria-label").replaceFirst("^Select ", ""));
        }
        browser.awaitText("[data-testid=selected-count]", "3 selected");
        screenshot("volumes");
        browser.clickOn("[data-testid=assign-selected]");
        browser.clickOn("[data-testid=assign-dialog] select[name=policySetId] option[data-name='" + set + "']");
        browser.clickOn("[data-testid=confirm-assign]");
        browser.awaitText("[data-testid=assign-dialog] [role=status]", "3 assignment(s) created");

        // 3. run now: the dry run's plan first, then the real run, followed live to COMPLETED
        browser.open(base + "/runs");
        browser.clickOn("[data-testid=run-now]");
        browser.clickOn("[data-testid=run-now-dialog] select[name=policySetId] option[data-name='" + set + "']");
        browser.clickOn("[data-testid=run-now-dialog] select[name=policyName] option[value='" + policy + "']");
        browser.type("[data-testid=run-now-dialog] input[name=projectIds]", PROJECT);
        String dryRunUrl = browser.await("the dry run's page", () -> {
            // run-service learns of a new policy through Kafka: a 422 'unknown policy' is retried, as a person would
            if (browser.url().matches(".*/runs/[0-9a-f-]{36}$")) {
                return browser.url();
            }
            String start = browser.find("[data-testid=start-dry-run]");
            if (start != null && browser.attribute(start, "disabled") == null) {
                browser.click(start);
            }
            sleep(3000);
            return null;
        });
        browser.awaitText("[data-testid=plan]", "would create 3 snapshot(s)");
        screenshot("dry-run");
        browser.clickOn("[data-testid=run-for-real]");
        browser.clickOn("[data-testid=confirm-dialog] button.danger");
        browser.await("the real run's page", () -> {
            String url = browser.url();
            return url.matches(".*/runs/[0-9a-f-]{36}$") && !url.equals(dryRunUrl) ? url : null;
        });
        String runId = browser.url().substring(browser.url().lastIndexOf('/') + 1);
        browser.await("[data-testid=run-progress] [data-testid=badge-COMPLETED]");
        assertThat(browser.text(browser.find("[data-testid=progress-percent]"))).isEqualTo("100%");
        assertThat(browser.text(browser.find("[data-testid=counter-created]"))).isEqualTo("3");
        browser.awaitText("[data-testid=records-table]", "CREATED");
        screenshot("run-completed");

        // 4. the audit trail, filtered by the run, and its CSV export with the same filter
        browser.open(base + "/audit");
        browser.type("form[aria-label='Record filters'] input[name=runId]", runId);
        browser.clickOn("form[aria-label='Record filters'] button[type=submit]");
        browser.awaitText("[data-testid=records-total]", "3 matching record(s)");
        screenshot("audit");
        String href = browser.attribute(browser.find("[data-testid=export-csv]"), "href");
        URI export = URI.create(href);
        assertThat(export.getPath()).isEqualTo("/api/v1/records/export");
        assertThat(export.getQuery()).contains("runId=" + runId).contains("format=csv");
        String csv = stack.as(DemoUser.ADMIN).get(export.getRawPath() + "?" + export.getRawQuery())
                .then().statusCode(200).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("runId")).isEqualTo(runId);
            assertThat(r.get("action")).isEqualTo("CREATED");
            assertThat(r.get("projectId")).isEqualTo(PROJECT);
            assertThat(r.get("policyName")).isEqualTo(policy);
        });

        browser.open(base + "/");
        browser.await("[data-testid=timeline]");
        screenshot("overview");
        browser.open(base + "/compliance");
        browser.await("[data-testid=compliance-by-tenant]");
        screenshot("compliance");
    }

    @Test
    void aTenantViewerSeesOnlyItsTenantAndNoEditActions(SystemStack stack) throws IOException {
        String base = loopback(stack);
        browser = WebDriverClient.start(log("chromedriver-tenant-viewer.log"));
        logIn(stack, base + "/login?next=/volumes", DemoUser.TENANT_VIEWER);
        browser.awaitText("[data-testid=user-tenants]", "demo-project-1");
        browser.await("[data-testid=volumes-table] tbody tr td");
        browser.awaitText("[data-testid=volumes-table]", SystemStack.DEMO_PROJECTS.get("demo-project-1"));
        List<String> projects = browser.findAll("[data-testid=volumes-table] tbody tr td:nth-child(2)").stream()
                .map(browser::text).toList();
        assertThat(projects).isNotEmpty().containsOnly(SystemStack.DEMO_PROJECTS.get("demo-project-1"));
        assertThat(browser.findAll("[data-testid=volumes-table] input[type=checkbox]")).isEmpty();
        assertThat(browser.find("[data-testid=assign-selected]")).isNull();
        screenshot("volumes-tenant-viewer");

        browser.open(base + "/runs");
        browser.await("[data-testid=runs-table]");
        assertThat(browser.find("[data-testid=run-now]")).isNull();
        browser.open(base + "/policy-sets");
        browser.await("[data-testid=policy-set-cards]");
        assertThat(browser.find("[data-testid=new-policy-set]")).isNull();
        assertThat(browser.findAll("[data-testid=policy-set-cards] button")).isEmpty();
        screenshot("policy-sets-tenant-viewer");
    }

    /** The gateway on 127.0.0.1: Keycloak accepts any port of the loopback address as a redirect URI (RFC 8252). */
    private static String loopback(SystemStack stack) {
        URI gateway = URI.create(stack.gatewayUrl());
        return "http://127.0.0.1:" + gateway.getPort();
    }

    private void logIn(SystemStack stack, String loginUrl, DemoUser user) {
        browser.open(loginUrl);
        browser.await("#username");
        assertThat(browser.url()).contains("/realms/snapshots/");
        browser.type("#username", user.username());
        browser.type("#password", user.password());
        browser.clickOn("#kc-login");
        browser.awaitUrl(loginUrl.substring(0, loginUrl.indexOf("/login")) + "/");
        browser.await("[data-testid=user-name]");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path log(String name) throws IOException {
        Path dir = Path.of("target", "system-tests", "logs");
        Files.createDirectories(dir);
        return dir.resolve(name);
    }

    /** Writes target/screenshots/{name}.png and asserts that it shows something (many colours, not one or two). */
    private void screenshot(String name) throws IOException {
        byte[] png = browser.screenshot();
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as(name + " is not blank").isGreaterThan(16);
    }
}
