package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.policy.config.PolicyConfig;
import dev.snapshotmanager.policy.domain.InventoryVolume;
import dev.snapshotmanager.policy.domain.resolution.Resolution;
import dev.snapshotmanager.policy.service.VolumeService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The volume inventory projection with effective policies: what the UI uses to pick volumes and show coverage. */
@Path("/api/v1/volumes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Volumes")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class VolumeResource {

    /** A volume as last seen by the inventory sync, with its effective policies and the deciding step. */
    @Schema(name = "Volume")
    public record VolumeResponse(String id, String name, String status, int sizeGb, String volumeType,
            boolean bootable, Map<String, String> metadata, String domainId, String domainName, String projectId,
            String projectName, String serverId, String serverName, Instant observedAt, boolean isProtected,
            Resolution resolution) {

        static VolumeResponse of(VolumeService.ResolvedVolume r) {
            InventoryVolume v = r.volume();
            return new VolumeResponse(v.volumeId, v.name, v.status, v.sizeGb, v.volumeType, v.bootable, v.metadata,
                    v.domainId, v.domainName, v.projectId, v.projectName, v.serverId, v.serverName, v.observedAt,
                    r.resolution().isProtected(), r.resolution());
        }
    }

    @Inject
    VolumeService service;

    @Inject
    PolicyConfig config;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List and search volumes (the caller's tenants) with their effective policies",
            description = "Ordered by volume id. protected/policySetId/policyName filter on the resolution.")
    @APIResponse(responseCode = "200", description = "A page")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "projectId/tenantId names a tenant that is not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<VolumeResponse> list(@QueryParam("projectId") String projectId,
            @QueryParam("tenantId") String tenantId, @QueryParam("domainId") String domainId,
            @QueryParam("serverId") String serverId, @QueryParam("status") String status, @QueryParam("q") String q,
            @QueryParam("protected") Boolean isProtected, @QueryParam("policySetId") UUID policySetId,
            @QueryParam("policyName") String policyName, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int size = Limits.pageSize(limit, config);
        String after = cursor == null ? null : Cursors.decode(cursor, 1).get(0);
        VolumeService.ResolvedPage page = service.list(projectId != null ? projectId : tenantId, domainId, serverId,
                status, q, new VolumeService.ResolutionFilter(isProtected, policySetId, policyName), after, size);
        List<VolumeResponse> items = page.items().stream().map(VolumeResponse::of).toList();
        return new Page<>(items, page.lastScanned() == null ? null : Cursors.encode(page.lastScanned()));
    }

    @GET
    @Path("/{id}/effective-policy")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Explain one volume: its effective policies and which step decided")
    @APIResponse(responseCode = "200", description = "The resolution",
            content = @Content(schema = @Schema(implementation = Resolution.class)))
    @APIResponse(responseCode = "404", description = "No such volume in the inventory visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Resolution effectivePolicy(@PathParam("id") String id) {
        return service.explain(id).resolution();
    }
}
