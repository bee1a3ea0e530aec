package dev.snapshotmanager.gateway.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Browser login: unauthenticated browsers are sent through Keycloak's login page (authorization code flow) and
 * come back here with a session cookie, then go on to the UI. Logout is {@code /logout} (OIDC RP-initiated).
 */
@Path("/login")
@Tag(name = "session")
@Authenticated
public class LoginResource {

    @GET
    @Operation(summary = "Logs a browser in (code flow) and sends it to the UI")
    @APIResponse(responseCode = "303", description = "Logged in: on to the UI")
    @APIResponse(responseCode = "302", description = "Not logged in: on to Keycloak's login page")
    public Response login() {
        return Response.seeOther(URI.create("/")).build();
    }
}
