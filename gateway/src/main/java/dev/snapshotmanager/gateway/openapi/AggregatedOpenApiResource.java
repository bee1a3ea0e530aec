package dev.snapshotmanager.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.gateway.config.GatewayConfig;
import dev.snapshotmanager.gateway.health.Probe;
import dev.snapshotmanager.gateway.proxy.Upstream;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One OpenAPI document for everything behind the gateway: each service's {@code /q/openapi}, kept to the paths the
 * gateway routes to it, plus the gateway's own API, with the OIDC security scheme. Read at request time, so it is
 * always the running services' truth; a service that does not answer is listed under
 * {@code x-unavailable-services}. The gateway's own document is read in-process (the one {@code /q/openapi} serves),
 * never over HTTP: no outbound address is ever taken from the request (its {@code Host} header is the caller's).
 */
@Path("/openapi")
@Tag(name = "openapi")
public class AggregatedOpenApiResource {

    @Inject
    GatewayConfig config;

    @Inject
    Probe probe;

    @Inject
    OpenApiDocumentService ownDocument;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> authServerUrl;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The merged OpenAPI document of every routed operation")
    @APIResponse(responseCode = "200", description = "The document")
    public ObjectNode aggregated() {
        String discovery = authServerUrl.map(u -> u.replaceAll("/+$", ""))
                .orElse("/realms/snapshots") + "/.well-known/openid-configuration";
        OpenApiMerger merger = new OpenApiMerger("Snapshot Manager API", version, discovery);
        // The gateway's own document, as /q/openapi serves it, read in-process.
        JsonNode own = parse(ownDocument.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON));
        if (own != null) {
            merger.add(null, own);
        }
        for (Upstream upstream : Upstream.values()) {
            String base = upstream.baseUrl(config).toString().replaceAll("/+$", "");
            JsonNode document = read(URI.create(base + "/q/openapi?format=json"));
            if (document == null) {
                merger.unavailable(upstream.service());
            } else {
                merger.add(upstream, document);
            }
        }
        return merger.document();
    }

    private JsonNode read(URI uri) {
        return parse(probe.body(uri));
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null ? null : EventJson.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
