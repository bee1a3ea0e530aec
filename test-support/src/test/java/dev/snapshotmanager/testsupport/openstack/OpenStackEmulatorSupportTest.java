package dev.snapshotmanager.testsupport.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.emulator.OpenStackEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The emulator's test resource and JUnit extension start a real emulator that answers Keystone. */
@ExtendWith(OpenStackEmulatorExtension.class)
class OpenStackEmulatorSupportTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void extensionInjectsARunningEmulator(OpenStackEmulator emulator) throws Exception {
        assertThat(emulator.port()).isPositive();
        assertThat(emulator.authUrl()).endsWith("/v3");
        HttpResponse<String> discovery = http.send(HttpRequest.newBuilder(URI.create(emulator.authUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"version\"");
    }

    @Test
    void quarkusResourceHandsTheAuthUrlToTheServiceAndStopsTheEmulator() throws Exception {
        OpenStackEmulatorResource resource = new OpenStackEmulatorResource();
        resource.init(Map.of(OpenStackEmulatorResource.AUTH_URL_PROPERTY, "worker.keystone-url"));
        Map<String, String> config = resource.start();
        try {
            String authUrl = config.get("worker.keystone-url");
            assertThat(authUrl).isEqualTo(OpenStackEmulatorResource.current().authUrl());
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(authUrl)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
        } finally {
            resource.stop();
        }
        assertThat(OpenStackEmulatorResource.current()).isNull();
    }
}
