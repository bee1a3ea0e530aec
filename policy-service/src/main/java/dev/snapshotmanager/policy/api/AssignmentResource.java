package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.policy.config.PolicyConfig;
import dev.snapshotmanager.policy.domain.Assignment;
import dev.snapshotmanager.policy.domain.AssignmentSource;
import dev.snapshotmanager.policy.repository.AssignmentRepository;
import dev.snapshotmanager.policy.service.Access;
import dev.snapshotmanager.policy.service.AssignmentService;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assignments")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or tenant does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AssignmentResource {

    /** Up to 1,000 assignments, upserted all or nothing. */
    public record BulkRequest(List<AssignmentRequest> items) {
    }

    /** What a bulk upsert did. */
    public record BulkResponse(int created, int updated, List<AssignmentResponse> items) {
    }

    @Inject
    AssignmentService service;

    @Inject
    AssignmentRepository repository;

    @Inject
    Access access;

    @Inject
    PolicyConfig config;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Assign a volume explicitly")
    @APIResponse(responseCode = "201", description = "Created; Location is /api/v1/assignments/{volumeId}",
            content = @Content(schema = @Schema(implementation = AssignmentResponse.class)))
    @APIResponse(responseCode = "409", description = "The volume already has an assignment (conflictingId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields (violations)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(AssignmentRequest request, @Context UriInfo uri) {
        Assignment a = service.create(PolicySetResource.requireBody(request));
        return Response.created(uri.getAbsolutePathBuilder().path(a.volume.volumeId).build())
                .header("ETag", ETags.of(a.version)).entity(AssignmentResponse.of(a)).build();
    }

    @POST
    @Path("/bulk")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Upsert up to 1,000 assignments, all or nothing")
    @APIResponse(responseCode = "200", description = "All upserted")
    @APIResponse(responseCode = "422", description = "Nothing changed; violations name items[i].field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BulkResponse bulk(BulkRequest request) {
        AssignmentService.BulkResult result = service.bulkUpsert(PolicySetResource.requireBody(request).items(),
                config.maxBulkAssignments());
        return new BulkResponse(result.created(), result.updated(),
                result.assignments().stream().map(AssignmentResponse::of).toList());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List assignments (the caller's tenants), ordered by volume id")
    @APIResponse(responseCode = "200", description = "A page")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AssignmentResponse> list(@QueryParam("projectId") String projectId,
            @QueryParam("tenantId") String tenantId, @QueryParam("domainId") String domainId,
            @QueryParam("serverId") String serverId, @QueryParam("policySetId") UUID policySetId,
            @QueryParam("source") AssignmentSource source, @QueryParam("autoSnapshot") Boolean autoSnapshot,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = Limits.pageSize(limit, config);
        String after = cursor == null ? null : Cursors.decode(cursor, 1).get(0);
        List<Assignment> found = repository.list(projectId != null ? projectId : tenantId, domainId, serverId,
                policySetId, source, autoSnapshot, access.visibleTenants(), after, size + 1);
        List<AssignmentResponse> items = found.stream().limit(size).map(AssignmentResponse::of).toList();
        return new Page<>(items, found.size() > size ? Cursors.encode(items.get(size - 1).volumeId()) : null);
    }

    @GET
    @Path("/{volumeId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get the assignment of a volume")
    @APIResponse(responseCode = "200", description = "The assignment",
            content = @Content(schema = @Schema(implementation = AssignmentResponse.class)))
    @APIResponse(responseCode = "404", description = "The volume has no assignment visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("volumeId") String volumeId) {
        Assignment a = service.get(volumeId);
        return Response.ok(AssignmentResponse.of(a)).header("ETag", ETags.of(a.version)).build();
    }

    @PATCH
    @Path("/{volumeId}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Change the assignment of a volume (absent fields stay)")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = AssignmentResponse.class)))
    @APIResponse(responseCode = "404", description = "No such assignment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names a stale version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields (violations)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("volumeId") String volumeId, @HeaderParam("If-Match") String ifMatch,
            AssignmentRequest request) {
        Assignment a = service.update(volumeId, ETags.expected(ifMatch), PolicySetResource.requireBody(request));
        return Response.ok(AssignmentResponse.of(a)).header("ETag", ETags.of(a.version)).build();
    }

    @DELETE
    @Path("/{volumeId}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Remove the assignment of a volume")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such assignment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names a stale version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("volumeId") String volumeId, @HeaderParam("If-Match") String ifMatch) {
        service.delete(volumeId, ETags.expected(ifMatch));
        return Response.noContent().build();
    }
}
