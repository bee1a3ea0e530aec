package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.policy.config.PolicyConfig;
import dev.snapshotmanager.policy.domain.Exclusion;
import dev.snapshotmanager.policy.service.ExclusionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/exclusions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Exclusions")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or tenant does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ExclusionResource {

    @Inject
    ExclusionService service;

    @Inject
    PolicyConfig config;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Exclude a volume from every policy")
    @APIResponse(responseCode = "201", description = "Created; Location is /api/v1/exclusions/{volumeId}",
            content = @Content(schema = @Schema(implementation = ExclusionResponse.class)))
    @APIResponse(responseCode = "409", description = "The volume is already excluded (conflictingId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields (violations)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(ExclusionRequest request, @Context UriInfo uri) {
        Exclusion e = service.create(PolicySetResource.requireBody(request));
        return Response.created(uri.getAbsolutePathBuilder().path(e.volume.volumeId).build())
                .header("ETag", ETags.of(e.version)).entity(ExclusionResponse.of(e)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List exclusions (the caller's tenants), ordered by volume id; active ones unless "
            + "includeExpired=true")
    @APIResponse(responseCode = "200", description = "A page")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ExclusionResponse> list(@QueryParam("projectId") String projectId,
            @QueryParam("includeExpired") boolean includeExpired, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int size = Limits.pageSize(limit, config);
        String after = cursor == null ? null : Cursors.decode(cursor, 1).get(0);
        List<Exclusion> found = service.list(projectId, includeExpired, after, size + 1);
        List<ExclusionResponse> items = found.stream().limit(size).map(ExclusionResponse::of).toList();
        return new Page<>(items, found.size() > size ? Cursors.encode(items.get(size - 1).volumeId()) : null);
    }

    @GET
    @Path("/{volumeId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get the exclusion of a volume")
    @APIResponse(responseCode = "200", description = "The exclusion",
            content = @Content(schema = @Schema(implementation = ExclusionResponse.class)))
    @APIResponse(responseCode = "404", description = "The volume has no exclusion visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("volumeId") String volumeId) {
        Exclusion e = service.get(volumeId);
        return Response.ok(ExclusionResponse.of(e)).header("ETag", ETags.of(e.version)).build();
    }

    @PATCH
    @Path("/{volumeId}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Change the reason or expiry of an exclusion")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = ExclusionResponse.class)))
    @APIResponse(responseCode = "404", description = "No such exclusion",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names a stale version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields (violations)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("volumeId") String volumeId, @HeaderParam("If-Match") String ifMatch,
            ExclusionRequest request) {
        Exclusion e = service.update(volumeId, ETags.expected(ifMatch), PolicySetResource.requireBody(request));
        return Response.ok(ExclusionResponse.of(e)).header("ETag", ETags.of(e.version)).build();
    }

    @DELETE
    @Path("/{volumeId}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Remove the exclusion of a volume")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such exclusion",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names a stale version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("volumeId") String volumeId, @HeaderParam("If-Match") String ifMatch) {
        service.delete(volumeId, ETags.expected(ifMatch));
        return Response.noContent().build();
    }
}
