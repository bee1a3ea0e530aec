package dev.snapshotmanager.systemtests.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Headless Debian Chromium driven through chromedriver's W3C WebDriver HTTP API (no Selenium on this module's
 * class path: the few commands a console walk-through needs, over java.net.http and Jackson).
 */
final class WebDriverClient implements AutoCloseable {

    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private WebDriverClient(Process driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** Starts chromedriver on a free port and a new headless Chromium session. */
    static WebDriverClient start(Path log) {
        int port = freePort();
        try {
            Process process = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String server = "http://127.0.0.1:" + port;
            WebDriverClient probe = new WebDriverClient(process, server);
            long deadline = System.currentTimeMillis() + 30_000;
            while (!probe.ready()) {
                if (System.currentTimeMillis() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("chromedriver did not start on port " + port);
                }
                Thread.sleep(200);
            }
            JsonNode session = probe.send("POST", server + "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                    "browserName", "chrome",
                    "goog:chromeOptions", Map.of("binary", "/usr/bin/chromium", "args", List.of("--headless=new",
                            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900")),
                    // the DevTools network events, read when a wait fails (see requestsOfThePage)
                    "goog:loggingPrefs", Map.of("performance", "ALL")))));
            return new WebDriverClient(process, server + "/session/" + session.path("sessionId").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void open(String url) {
        send("POST", base + "/url", Map.of("url", url));
    }

    String url() {
        return send("GET", base + "/url", null).asText();
    }

    /** The first element matching a CSS selector, or null. */
    String find(String css) {
        JsonNode found = send("POST", base + "/elements", Map.of("using", "css selector", "value", css));
        return found.size() == 0 ? null : found.get(0).path(ELEMENT).asText();
    }

    List<String> findAll(String css) {
        JsonNode found = send("POST", base + "/elements", Map.of("using", "css selector", "value", css));
        return java.util.stream.StreamSupport.stream(found.spliterator(), false).map(n -> n.path(ELEMENT).asText()).toList();
    }

    /** Waits for an element matching a CSS selector and returns it. */
    String await(String css) {
        return await("an element " + css, () -> find(css));
    }

    /** Waits until an element's text contains {@code text}. */
    void awaitText(String css, String text) {
        await(css + " containing '" + text + "'", () -> {
            String e = find(css);
            return e != null && text(e).contains(text) ? e : null;
        });
    }

    void awaitUrl(String prefix) {
        await("the address " + prefix, () -> url().startsWith(prefix) ? "yes" : null);
    }

    <T> T await(String what, Supplier<T> probe) {
        long deadline = System.currentTimeMillis() + 120_000;
        RuntimeException last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(300);
        }
        throw new AssertionError("waited 120 s for " + what + " at " + url() + "; " + requestsOfThePage(), last);
    }

    void click(String element) {
        send("POST", base + "/element/" + element + "/click", Map.of());
    }

    void clickOn(String css) {
        click(await(css));
    }

    void type(String css, String text) {
        String element = await(css);
        send("POST", base + "/element/" + element + "/clear", Map.of());
        send("POST", base + "/element/" + element + "/value", Map.of("text", text));
    }

    String text(String element) {
        return send("GET", base + "/element/" + element + "/text", null).asText();
    }

    String attribute(String element, String name) {
        return send("GET", base + "/element/" + element + "/attribute/" + name, null).asText(null);
    }

    /**
     * What the page asked the API for, to tell a page that stopped asking from an answer that never came: the page's
     * visibility, then the last API requests from the DevTools network events since the previous call (each with
     * its seconds since the first one and how it ended: the status, "failed: ..." or "no answer").
     */
    String requestsOfThePage() {
        try {
            String visibility = script("return document.visibilityState").asText();
            JsonNode entries = send("POST", base + "/se/log", Map.of("type", "performance"));
            Map<String, String> requests = new LinkedHashMap<>();
            Map<String, String> outcomes = new HashMap<>();
            double first = Double.NaN;
            for (JsonNode entry : entries) {
                JsonNode message = JSON.readTree(entry.path("message").asText()).path("message");
                JsonNode params = message.path("params");
                String id = params.path("requestId").asText();
                switch (message.path("method").asText()) {
                    case "Network.requestWillBeSent" -> {
                        String url = params.path("request").path("url").asText();
                        if (url.contains("/api/")) {
                            double at = params.path("timestamp").asDouble();
                            first = Double.isNaN(first) ? at : first;
                            requests.put(id, String.format("%.1f s %s %s", at - first,
                                    params.path("request").path("method").asText(), url.replaceFirst("^https?://[^/]+", "")));
                        }
                    }
                    case "Network.responseReceived" -> outcomes.put(id, String.valueOf(params.path("response").path("status").asInt()));
                    case "Network.loadingFailed" -> outcomes.put(id, "failed: " + params.path("errorText").asText());
                    default -> { }
                }
            }
            List<String> lines = requests.entrySet().stream()
                    .map(r -> r.getValue() + " -> " + outcomes.getOrDefault(r.getKey(), "no answer")).toList();
            return "page " + visibility + ", its last API requests: "
                    + String.join("; ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no network log: " + e + ")";
        }
    }

    /** Runs a script in the page ({@code return ...} gives its value as JSON). */
    JsonNode script(String body, Object... args) {
        return send("POST", base + "/execute/sync", Map.of("script", body, "args", List.of(args)));
    }

    /** Resizes the browser window, e.g. to a tablet's viewport. */
    void windowSize(int width, int height) {
        send("POST", base + "/window/rect", Map.of("width", width, "height", height));
    }

    byte[] screenshot() {
        return Base64.getDecoder().decode(send("GET", base + "/screenshot", null).asText());
    }

    @Override
    public void close() {
        try {
            send("DELETE", base, null);
        } catch (RuntimeException ignored) {
            // the browser may already be gone
        }
        driver.destroy();
    }

    private boolean ready() {
        try {
            return send("GET", base + "/status", null).path("ready").asBoolean(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private JsonNode send(String method, String url, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException(method + " " + url + ": " + answer.path("value").path("message").asText());
            }
            return answer.path("value");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
