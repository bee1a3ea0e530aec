package dev.snapshotmanager.worker.api;

import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.worker.service.InventorySync;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operations on the volume inventory the worker publishes. */
@Path("/api/v1/inventory")
@Tag(name = "inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    private final InventorySync sync;

    public InventoryResource(InventorySync sync) {
        this.sync = sync;
    }

    @POST
    @Path("/resync")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Publish every volume's description again (a full resync of the compacted topic)")
    @APIResponse(responseCode = "200", description = "Published; the counts of volumes and tombstones")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "503", description = "OpenStack or Kafka unavailable")
    public InventorySync.Published resync() {
        return sync.resync();
    }
}
