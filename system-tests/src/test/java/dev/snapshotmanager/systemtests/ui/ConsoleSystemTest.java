package dev.snapshotmanager.systemtests.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * sees only its tenant and no edit actions. Screenshots of each main screen (and of the overview on a tablet and in the
 * dark theme) go to target/screenshots and must not be blank.
 */
@ExtendWith(SystemStackExtension.class)
class ConsoleSystemTest {

    static final String PROJECT = "demo-project-5";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** A tablet in portrait (an iPad Air's CSS viewport). */
    static final int TABLET_WIDTH = 820;
    static final int TABLET_HEIGHT = 1180;

    /**
     * Installed in the run's page: records each distinct (status badge, percent, stream state) the page shows, from
     * DOM changes, in a window property that a reload would lose.
     */
    private static final String RECORD_PROGRESS = """
            const text = (css) => document.querySelector(css)?.textContent ?? '';
            const now = () => [document.querySelector('[data-testid=run-progress] [data-testid^=badge-]')
                ?.getAttribute('data-testid').substring(6) ?? '', text('[data-testid=progress-percent]'),
                text('[data-testid=stream-state]')].join('|');
            const seen = [now()];
            window.__progressSeen = seen;
            new MutationObserver(() => { const v = now(); if (seen[seen.length - 1] !== v) seen.push(v); })
                .observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
            """;

    private WebDriverClient browser;
    private final List<String> assigned = new ArrayList<>();
    private String excluded;
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
        if (excluded != null) {
            stack.as(DemoUser.ADMIN).delete("/api/v1/exclusions/" + excluded);
        }
        if (setName != null) {
            List<String> ids = stack.as(DemoUser.ADMIN).queryParam("q", setName).get("/api/v1/policy-sets")
                    .then().extract().jsonPath().getList("items.id");
            ids.forEach(id -> stack.as(DemoUser.ADMIN).queryParam("force", true).delete("/api/v1/policy-sets/" + id));
        }
    }

    @Test
    // Its real run is slowed down with the emulator's fault settings (so that it is seen running), and must not meet
    // another class's injected faults (it expects COMPLETED): it holds the emulator's faults alone.
    @ResourceLock(SystemStack.EMULATOR_FAULTS)
    void anAdminCreatesAssignsRunsAndAuditsASetInTheBrowser(SystemStack stack) throws IOException {
        String base = loopback(stack);
        browser = WebDriverClient.start(log("chromedriver-admin.log"));
        logIn(stack, base + "/login?next=/policy-sets/new", DemoUser.ADMIN, "sign-in");
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
        List<String> boxes = volumeBoxes(base);
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(3);
        for (String box : boxes.subList(0, 3)) {
            browser.click(box);
            assigned.add(volumeIdOf(box));
        }
        browser.awaitText("[data-testid=selected-count]", "3 selected");
        screenshot("volumes");
        browser.clickOn("[data-testid=assign-selected]");
        browser.clickOn("[data-testid=assign-dialog] select[name=policySetId] option[data-name='" + set + "']");
        browser.clickOn("[data-testid=confirm-assign]");
        browser.awaitText("[data-testid=assign-dialog] [role=status]", "3 assignment(s) created");

        // and a fourth volume excluded, with a reason and an expiry
        String other = volumeBoxes(base).stream().filter(box -> !assigned.contains(volumeIdOf(box))).findFirst()
                .orElseThrow();
        excluded = volumeIdOf(other);
        browser.click(other);
        browser.clickOn("[data-testid=exclude-selected]");
        browser.type("[data-testid=exclude-dialog] input[name=reason]", "ui-e2e legal hold " + suffix);
        browser.script("""
                const input = document.querySelector('[data-testid=exclude-dialog] input[name=expiresAt]');
                Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, arguments[0]);
                input.dispatchEvent(new Event('input', {bubbles: true}));
                """, "2099-12-31T12:00");
        browser.clickOn("[data-testid=confirm-exclude]");
        browser.awaitText("[data-testid=exclude-dialog] [role=status]", "Excluded 1 volume(s)");

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
        // each snapshot stays 'creating' for a while, so that the run is seen running before it completes
        stack.emulator().faults("{\"snapshots\": {\"createDelayMs\": 4000}}");
        String runId;
        JsonNode progressSeen;
        try {
            browser.clickOn("[data-testid=run-for-real]");
            browser.clickOn("[data-testid=confirm-dialog] button.danger");
            browser.await("the real run's page", () -> {
                String url = browser.url();
                return url.matches(".*/runs/[0-9a-f-]{36}$") && !url.equals(dryRunUrl) ? url : null;
            });
            browser.await("[data-testid=run-progress]");
            browser.script(RECORD_PROGRESS);
            runId = browser.url().substring(browser.url().lastIndexOf('/') + 1);
            browser.await("[data-testid=run-progress] [data-testid=badge-COMPLETED]");
            progressSeen = browser.script("return window.__progressSeen ?? null;");
        } finally {
            stack.emulator().clearFaults();
        }
        // live: the same page (no reload lost the recorder) showed the run unfinished with its stream open, then
        // COMPLETED at 100%
        assertThat(progressSeen.isArray()).as("the run's page was not reloaded: %s", progressSeen).isTrue();
        List<String> seen = new ArrayList<>();
        progressSeen.forEach(v -> seen.add(v.asText()));
        assertThat(seen).as("what the run's page showed, in order")
                .anyMatch(v -> v.matches("(REQUESTED|PLANNING|RUNNING)\\|.*\\|live"))
                .last().asString().startsWith("COMPLETED|100%");
        assertThat(browser.text(browser.find("[data-testid=progress-percent]"))).isEqualTo("100%");
        assertThat(browser.text(browser.find("[data-testid=counter-created]"))).isEqualTo("3");
        browser.awaitText("[data-testid=records-table]", "CREATED");
        screenshot("run-completed");

        browser.open(base + "/runs");
        browser.awaitText("[data-testid=runs-table]", "COMPLETED");
        screenshot("runs");
        browser.open(base + "/assignments");
        browser.awaitText("[data-testid=assignments-table]", set);
        screenshot("assignments");
        browser.open(base + "/rules");
        browser.await("[data-testid=rules-table] tbody tr td");
        screenshot("rules");
        browser.open(base + "/exclusions");
        browser.awaitText("[data-testid=exclusions-table]", "ui-e2e legal hold " + suffix);
        assertThat(browser.text(browser.find("[data-testid=exclusions-table]"))).contains("2099");
        screenshot("exclusions");

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
        browser.await("[data-testid=kpi-protected-volumes]");
        screenshot("overview");
        browser.open(base + "/compliance");
        browser.await("[data-testid=compliance-by-tenant]");
        screenshot("compliance");

        // 5. a tablet: every screen fits its width (wide tables scroll inside their panel, not the page)
        browser.windowSize(TABLET_WIDTH, TABLET_HEIGHT);
        for (String screen : List.of("/", "/audit", "/volumes", "/runs/" + runId)) {
            browser.open(base + screen);
            browser.await("main h1");
            browser.await("the page laid out for the tablet", () -> browser.script(
                    "return document.documentElement.clientWidth <= " + TABLET_WIDTH + ";").asBoolean() ? true : null);
            assertThat(browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;").asInt())
                    .as("%s scrolls sideways on a tablet", screen).isLessThanOrEqualTo(0);
        }
        browser.open(base + "/");
        browser.await("[data-testid=timeline]");
        screenshot("overview-tablet");

        // 6. the dark theme, chosen in the header: dark page, light text
        double lightBackground = luminance(bodyStyle("backgroundColor"));
        browser.clickOn("[data-testid=theme-choice] option[value=dark]");
        browser.await("the dark theme", () -> "dark".equals(theme()) ? true : null);
        double darkBackground = luminance(bodyStyle("backgroundColor"));
        double darkText = luminance(bodyStyle("color"));
        assertThat(lightBackground).as("light background").isGreaterThan(0.7);
        assertThat(darkBackground).as("dark background").isLessThan(0.2);
        assertThat(darkText).as("text on the dark background").isGreaterThan(0.6);
        screenshot("overview-dark");
        browser.open(base + "/audit");
        browser.await("[data-testid=records-table]");
        assertThat(theme()).as("the choice is kept across pages").isEqualTo("dark");
        screenshot("audit-dark");
        browser.clickOn("[data-testid=theme-choice] option[value=system]");
    }

    @Test
    @ResourceLock(value = SystemStack.EMULATOR_FAULTS, mode = ResourceAccessMode.READ)
    void aTenantViewerSeesOnlyItsTenantAndNoEditActions(SystemStack stack) throws IOException {
        String base = loopback(stack);
        String tenant = SystemStack.DEMO_PROJECTS.get("demo-project-1");
        browser = WebDriverClient.start(log("chromedriver-tenant-viewer.log"));
        logIn(stack, base + "/login?next=/volumes", DemoUser.TENANT_VIEWER, null);
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

        browser.open(base + "/compliance");
        browser.await("[data-testid=compliance-by-tenant] tbody tr th");
        assertThat(browser.findAll("[data-testid=compliance-by-tenant] tbody tr th").stream().map(browser::text))
                .as("the tenants in the compliance summary").containsExactly(tenant);
        screenshot("compliance-tenant-viewer");
        browser.open(base + "/audit");
        browser.await("[data-testid=records-table] tbody tr td");
        assertThat(browser.findAll("[data-testid=records-table] tbody tr td:nth-child(4)").stream()
                .map(browser::text).toList()).as("the project of every record shown").allMatch(tenant::equals);
        screenshot("audit-tenant-viewer");
    }

    /** The gateway on 127.0.0.1: Keycloak accepts any port of the loopback address as a redirect URI (RFC 8252). */
    private static String loopback(SystemStack stack) {
        URI gateway = URI.create(stack.gatewayUrl());
        return "http://127.0.0.1:" + gateway.getPort();
    }

    /** Signs in through Keycloak's login page ({@code screenshot}: its name, or null for none). */
    private void logIn(SystemStack stack, String loginUrl, DemoUser user, String screenshot) throws IOException {
        browser.open(loginUrl);
        browser.await("#username");
        assertThat(browser.url()).contains("/realms/snapshots/");
        if (screenshot != null) {
            screenshot(screenshot);
        }
        // Keycloak 26 sometimes locks a user for a minute with no failed login before it ("user_temporarily_disabled",
        // keycloak/keycloak#36495) and shows its login form again: then the same credentials are sent again every 20 s
        String app = loginUrl.substring(0, loginUrl.indexOf("/login")) + "/";
        long[] nextTry = {0};
        browser.await("the address " + app, () -> {
            if (browser.url().startsWith(app)) {
                return true;
            }
            if (System.currentTimeMillis() >= nextTry[0] && browser.find("#kc-login") != null) {
                browser.type("#username", user.username());
                browser.type("#password", user.password());
                browser.clickOn("#kc-login");
                nextTry[0] = System.currentTimeMillis() + 20_000;
            }
            return null;
        });
        browser.await("[data-testid=user-name]");
    }

    /** Opens the inventory of {@link #PROJECT}'s available volumes and returns their selection boxes. */
    private List<String> volumeBoxes(String base) {
        browser.open(base + "/volumes?status=available&projectId=" + PROJECT);
        browser.await("[data-testid=volumes-table] tbody input[type=checkbox]");
        return browser.findAll("[data-testid=volumes-table] tbody input[type=checkbox]");
    }

    /** The volume a selection box selects (its label is "Select <volume id>"). */
    private String volumeIdOf(String box) {
        return browser.attribute(box, "aria-label").replaceFirst("^Select ", "");
    }

    /** A computed style property of the page's body, e.g. its background colour. */
    private String bodyStyle(String property) {
        return browser.script("return getComputedStyle(document.body)." + property + ";").asText();
    }

    /** The theme chosen ({@code <html data-theme>}), null for the system's. */
    private String theme() {
        return browser.script("return document.documentElement.getAttribute('data-theme');").asText(null);
    }

    /** Relative luminance (0 black .. 1 white) of a CSS rgb()/rgba() colour. */
    private static double luminance(String css) {
        Matcher rgb = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(css);
        assertThat(rgb.find()).as("a CSS colour: %s", css).isTrue();
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(rgb.group(i + 1)) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
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
