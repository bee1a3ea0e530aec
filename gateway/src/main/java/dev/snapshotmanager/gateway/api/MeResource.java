package dev.snapshotmanager.gateway.api;

import dev.snapshotmanager.common.security.CallerContext;
import dev.snapshotmanager.common.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's identity as the gateway sees it (bearer token or browser session). */
@Path("/api/v1/me")
@Tag(name = "me")
@Authenticated
public class MeResource {

    @Inject
    CallerContext caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's name, roles and tenants")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "No valid token or session")
    @APIResponse(responseCode = "429", description = "Rate limit exceeded")
    public Me me() {
        List<String> roles = caller.roles().stream()
                .sorted(Comparator.comparingInt((String r) -> rank(r)).thenComparing(r -> r))
                .toList();
        List<String> tenants = caller.tenants().map(t -> t.stream().sorted().toList()).orElse(null);
        return new Me(caller.name(), roles, tenants, tenants == null);
    }

    private static int rank(String role) {
        int index = Roles.ORDER.indexOf(role);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
