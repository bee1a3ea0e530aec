package dev.snapshotmanager.gateway.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Browser login: unauthenticated browsers are sent through Keycloak's login page (authorization code flow) and
 * come back here with a session cookie, then go on to the UI: to {@code next} when it is a path of this site (the UI
 * sends {@code /login?next=/runs/...} when its session ended), else to {@code /}. Logout is {@code /logout}.
 */
@Path("/login")
@Tag(name = "session")
@Authenticated
public class LoginResource {

    @GET
    @Operation(summary = "Logs a browser in (code flow) and sends it to the UI")
    @APIResponse(responseCode = "303", description = "Logged in: on to the UI (next, or /)")
    @APIResponse(responseCode = "302", description = "Not logged in: on to Keycloak's login page")
    public Response login(@QueryParam("next") @Parameter(description = "a path of this site to go on to") String next) {
        return Response.seeOther(URI.create(localPath(next))).build();
    }

    /** {@code next} when it is a local absolute path (no scheme, host or {@code //}: no open redirect), else "/". */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        try {
            URI uri = URI.create(next);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? next : "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
