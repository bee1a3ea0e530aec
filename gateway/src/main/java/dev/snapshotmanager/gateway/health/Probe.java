package dev.snapshotmanager.gateway.health;

import dev.snapshotmanager.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Blocking HTTP GETs to the gateway's dependencies, with the configured timeout. */
@ApplicationScoped
public class Probe {

    @Inject
    GatewayConfig config;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** The status of {@code GET uri}, or -1 when it does not answer in time. */
    public int status(URI uri) {
        try {
            HttpResponse<Void> response = client.send(request(uri), HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of {@code GET uri} when it answers 200, otherwise null. */
    public byte[] body(URI uri) {
        return body(uri, config.upstreamCheckTimeout());
    }

    /** The body of {@code GET uri} when it answers 200 within {@code timeout}, otherwise null. */
    public byte[] body(URI uri, Duration timeout) {
        try {
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                return response.statusCode() == 200 ? in.readAllBytes() : null;
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(config.upstreamCheckTimeout()).GET().build();
    }
}
