package dev.snapshotmanager.audit.api;

import dev.snapshotmanager.audit.config.AuditConfig;
import dev.snapshotmanager.audit.domain.AuditRecord;
import dev.snapshotmanager.audit.domain.RecordFilter;
import dev.snapshotmanager.audit.domain.SortOrder;
import dev.snapshotmanager.audit.service.RecordSearch;
import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.events.VolumeAction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Search over the stored records. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Records")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a viewer, or a project outside the token's tenants",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RecordResource {

    static final Set<VolumeAction> FAILURES =
            EnumSet.of(VolumeAction.FAILED, VolumeAction.DELETE_FAILED, VolumeAction.QUOTA_BLOCKED);

    @Inject
    RecordSearch search;

    @Inject
    AuditConfig config;

    @GET
    @Path("/records")
    @Operation(summary = "Search records", description = "Every filter is optional and all given ones must hold. "
            + "Sorted by time, keyset-paginated: follow nextCursor; pages never skip or repeat records.")
    @APIResponse(responseCode = "200", description = "A page of records",
            content = @Content(schema = @Schema(implementation = RecordPageResponse.class)))
    @APIResponse(responseCode = "400", description = "A filter cannot be read (bad date, unknown action, bad cursor)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Filters make no sense (limit out of range, from after to)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RecordPageResponse list(@BeanParam RecordQueryParams filters, @BeanParam PageParams page) {
        return page(filters, page, null);
    }

    @GET
    @Path("/records/failures")
    @Operation(summary = "Search failures", description = "Records with action FAILED, DELETE_FAILED or QUOTA_BLOCKED "
            + "(an action filter narrows further), with every filter of GET /records.")
    @APIResponse(responseCode = "200", description = "A page of failure records",
            content = @Content(schema = @Schema(implementation = RecordPageResponse.class)))
    @APIResponse(responseCode = "400", description = "A filter cannot be read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Filters make no sense",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RecordPageResponse failures(@BeanParam RecordQueryParams filters, @BeanParam PageParams page) {
        return page(filters, page, FAILURES);
    }

    @GET
    @Path("/runs/{runId}/records")
    @Operation(summary = "Records of one run", description = "Every filter of GET /records applies as well.")
    @APIResponse(responseCode = "200", description = "A page of the run's records",
            content = @Content(schema = @Schema(implementation = RecordPageResponse.class)))
    @APIResponse(responseCode = "400", description = "runId is not a UUID, or a filter cannot be read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Filters make no sense",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RecordPageResponse ofRun(@PathParam("runId") String runId, @BeanParam RecordQueryParams filters,
            @BeanParam PageParams page) {
        filters.runId = runId;
        return page(filters, page, null);
    }

    @GET
    @Path("/records/{id}")
    @Operation(summary = "One record by its id (the event id)")
    @APIResponse(responseCode = "200", description = "The record",
            content = @Content(schema = @Schema(implementation = AuditRecord.class)))
    @APIResponse(responseCode = "404", description = "No such record among the caller's tenants",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditRecord get(@PathParam("id") String id) {
        return search.get(id);
    }

    private RecordPageResponse page(RecordQueryParams filters, PageParams page, Set<VolumeAction> within) {
        FilterParser parser = new FilterParser();
        RecordFilter filter = parser.filter(filters);
        int limit = parser.integer("limit", page.limit, config.query().defaultLimit(), 1, config.query().maxLimit());
        SortOrder order = parser.choice("sort", page.sort, SortOrder.class, SortOrder.DESC);
        Boolean total = parser.bool("includeTotal", page.includeTotal);
        parser.check();
        if (within != null) {
            Set<VolumeAction> actions = EnumSet.copyOf(within);
            if (!filter.actions().isEmpty()) {
                actions.retainAll(filter.actions());
                if (actions.isEmpty()) {
                    return new RecordPageResponse(java.util.List.of(), null, Boolean.TRUE.equals(total) ? 0L : null,
                            Boolean.TRUE.equals(total) ? false : null);
                }
            }
            filter = filter.withActions(actions);
        }
        RecordSearch.Page result = search.search(filter, order, page.cursor, limit, Boolean.TRUE.equals(total));
        return new RecordPageResponse(result.items(), result.nextCursor(), result.total(), result.totalCapped());
    }
}
