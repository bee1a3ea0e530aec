package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.events.PolicyScope;
import dev.snapshotmanager.policy.config.PolicyConfig;
import dev.snapshotmanager.policy.domain.Policy;
import dev.snapshotmanager.policy.domain.PolicySet;
import dev.snapshotmanager.policy.service.PolicySetService;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/policy-sets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Policy sets")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or tenant does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PolicySetResource {

    @Inject
    PolicySetService service;

    @Inject
    PolicyConfig config;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a policy set with its policies")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = PolicySetResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A set of this name exists in this scope (conflictingId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields (violations)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(PolicySetRequest request, @Context UriInfo uri) {
        PolicySet set = service.create(requireBody(request));
        return Response.created(uri.getAbsolutePathBuilder().path(set.id.toString()).build())
                .header("ETag", ETags.of(set.version)).entity(PolicySetResponse.of(set)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List policy sets (GLOBAL ones and those of the caller's tenants)")
    @APIResponse(responseCode = "200", description = "A page ordered by name")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<PolicySetResponse> list(@QueryParam("scope") PolicyScope scope, @QueryParam("tenantId") String tenantId,
            @QueryParam("active") Boolean active, @QueryParam("q") String q, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int size = Limits.pageSize(limit, config);
        String afterName = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> keys = Cursors.decode(cursor, 2);
            afterName = keys.get(0);
            afterId = Limits.uuid(keys.get(1));
        }
        List<PolicySet> found = service.list(scope, tenantId, active, q, afterName, afterId, size + 1);
        List<PolicySetResponse> items = found.stream().limit(size).map(PolicySetResponse::of).toList();
        String next = found.size() > size
                ? Cursors.encode(items.get(size - 1).name(), items.get(size - 1).id().toString()) : null;
        return new Page<>(items, next);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get a policy set (ETag = version)")
    @APIResponse(responseCode = "200", description = "The set",
            content = @Content(schema = @Schema(implementation = PolicySetResponse.class)))
    @APIResponse(responseCode = "404", description = "No such set visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        PolicySet set = service.get(id);
        return Response.ok(PolicySetResponse.of(set)).header("ETag", ETags.of(set.version)).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a policy set; absent fields stay, 'policies' replaces the list")
    @APIResponse(responseCode = "200", description = "The changed set",
            content = @Content(schema = @Schema(implementation = PolicySetResponse.class)))
    @APIResponse(responseCode = "404", description = "No such set",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The new name is taken (conflictingId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names a stale version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields (violations)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            PolicySetRequest request) {
        PolicySet set = service.update(id, ETags.expected(ifMatch), requireBody(request));
        return Response.ok(PolicySetResponse.of(set)).header("ETag", ETags.of(set.version)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a policy set; ?force=true detaches the assignments and rules that reference it")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such set",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Still referenced (conflictingId = an assignment or rule)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names a stale version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @QueryParam("force") boolean force) {
        service.delete(id, ETags.expected(ifMatch), force);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/policies/{name}/schedule")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The next N fire times of a policy (default 10), in UTC and local time")
    @APIResponse(responseCode = "200", description = "The preview")
    @APIResponse(responseCode = "400", description = "from is not an ISO-8601 instant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such set or policy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "count out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ScheduleResource.SchedulePreview schedule(@PathParam("id") UUID id, @PathParam("name") String name,
            @QueryParam("count") Integer count, @QueryParam("from") String from) {
        Policy policy = service.get(id).policy(name)
                .orElseThrow(() -> dev.snapshotmanager.common.problem.ProblemException.notFound("Policy", name));
        return ScheduleResource.preview(new ScheduleResource.PreviewRequest(policy.cron, policy.timeZone, count,
                from == null ? null : ScheduleResource.instant(from)), config.maxPreviewCount());
    }

    static <T> T requireBody(T body) {
        if (body == null) {
            throw dev.snapshotmanager.common.problem.ProblemException.badRequest("A JSON body is required");
        }
        return body;
    }
}
