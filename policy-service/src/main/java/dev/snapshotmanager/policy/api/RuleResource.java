package dev.snapshotmanager.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.common.problem.NulCharacters;
import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.policy.config.PolicyConfig;
import dev.snapshotmanager.policy.domain.AssignmentRule;
import dev.snapshotmanager.policy.domain.resolution.VolumeDescription;
import dev.snapshotmanager.policy.service.LegacyRuleImporter;
import dev.snapshotmanager.policy.service.RuleService;
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

@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assignment rules")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or tenant does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RuleResource {

    /** A volume to test, and optionally the one rule to test (otherwise every enabled rule). */
    public record RuleTestRequest(VolumeDescription volume, UUID ruleId) {
    }

    @Inject
    RuleService service;

    @Inject
    LegacyRuleImporter importer;

    @Inject
    PolicyConfig config;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an assignment rule")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = RuleResponse.class)))
    @APIResponse(responseCode = "409", description = "A rule of this name exists in this scope (conflictingId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields (violations)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(RuleRequest request, @Context UriInfo uri) {
        AssignmentRule rule = service.create(PolicySetResource.requireBody(request));
        return Response.created(uri.getAbsolutePathBuilder().path(rule.id.toString()).build())
                .header("ETag", ETags.of(rule.version)).entity(RuleResponse.of(rule)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List rules ordered by name (tenant users see only their tenants' rules)")
    @APIResponse(responseCode = "200", description = "A page")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RuleResponse> list(@QueryParam("tenantId") String tenantId, @QueryParam("global") Boolean global,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = Limits.pageSize(limit, config);
        String afterName = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> keys = Cursors.decode(cursor, 2);
            afterName = keys.get(0);
            afterId = Limits.uuid(keys.get(1));
        }
        List<AssignmentRule> found = service.list(tenantId, global, afterName, afterId, size + 1);
        List<RuleResponse> items = found.stream().limit(size).map(RuleResponse::of).toList();
        return new Page<>(items, found.size() > size
                ? Cursors.encode(items.get(size - 1).name(), items.get(size - 1).id().toString()) : null);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get a rule")
    @APIResponse(responseCode = "200", description = "The rule",
            content = @Content(schema = @Schema(implementation = RuleResponse.class)))
    @APIResponse(responseCode = "404", description = "No such rule visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        AssignmentRule rule = service.get(id);
        return Response.ok(RuleResponse.of(rule)).header("ETag", ETags.of(rule.version)).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a rule (absent fields stay)")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = RuleResponse.class)))
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The new name is taken (conflictingId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names a stale version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields (violations)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, RuleRequest request) {
        AssignmentRule rule = service.update(id, ETags.expected(ifMatch), PolicySetResource.requireBody(request));
        return Response.ok(RuleResponse.of(rule)).header("ETag", ETags.of(rule.version)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a rule")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names a stale version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        service.delete(id, ETags.expected(ifMatch));
        return Response.noContent().build();
    }

    @POST
    @Path("/test")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Which rule would decide this volume (or does the given rule match it)")
    @APIResponse(responseCode = "200", description = "The deciding rule (null when none matches) and all matches "
            + "in decision order")
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No volume given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RuleService.RuleTest test(RuleTestRequest request) {
        RuleTestRequest r = PolicySetResource.requireBody(request);
        return service.test(r.volume(), r.ruleId());
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import the reference system's snapshot_policy_rules.json into sets and rules",
            description = "GLOBAL scope unless tenantId is given. Reports what it created and what it skipped.")
    @APIResponse(responseCode = "200", description = "The import report")
    @APIResponse(responseCode = "422", description = "The file is not a list of rules",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LegacyRuleImporter.Report importLegacy(@QueryParam("tenantId") String tenantId, JsonNode file) {
        NulCharacters.requireNone(file, "");
        return importer.importRules(file, tenantId);
    }
}
