package dev.snapshotmanager.worker.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * policy-service's effective-policy resolution ({@code POST /api/v1/resolutions}), called with a client-credentials
 * token of the worker's own Keycloak client (never a user's token).
 */
@RegisterRestClient(configKey = "policy-service")
@OidcClientFilter
@Path("/api/v1/resolutions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface PolicyResolutionClient {

    /** Resolves up to 10,000 volumes at once. */
    @POST
    ResolutionResponse resolve(ResolutionRequest request);
}
