package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.policy.domain.resolution.Resolution;
import dev.snapshotmanager.policy.domain.resolution.VolumeDescription;
import dev.snapshotmanager.policy.service.ResolutionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/resolutions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Resolution")
@SecurityRequirement(name = "bearer")
public class ResolutionResource {

    /** Up to 10,000 volume descriptions. */
    public record ResolutionRequest(List<VolumeDescription> volumes) {
    }

    /** One resolution per volume, in request order. */
    public record ResolutionResponse(List<Resolution> items) {
    }

    @Inject
    ResolutionService service;

    @POST
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Resolve the effective policies of up to 10,000 volumes",
            description = "Per volume: the policies with schedule and retention after overrides, and which step "
                    + "decided (EXCLUSION, ASSIGNMENT, METADATA, RULE, TENANT_SET, GLOBAL_SET, UNCOVERED).")
    @APIResponse(responseCode = "200", description = "Resolutions in request order")
    @APIResponse(responseCode = "400", description = "Malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A volume belongs to a tenant outside the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Too many volumes, or a volume without id or projectId",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ResolutionResponse resolve(ResolutionRequest request) {
        return new ResolutionResponse(service.resolve(PolicySetResource.requireBody(request).volumes()));
    }
}
