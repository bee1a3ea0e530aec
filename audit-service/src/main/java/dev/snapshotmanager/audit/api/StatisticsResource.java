package dev.snapshotmanager.audit.api;

import dev.snapshotmanager.audit.config.AuditConfig;
import dev.snapshotmanager.audit.domain.RecordFilter;
import dev.snapshotmanager.audit.domain.Statistics;
import dev.snapshotmanager.audit.domain.TimeBucket;
import dev.snapshotmanager.audit.domain.Timeline;
import dev.snapshotmanager.audit.service.RecordStatistics;
import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Counts for dashboards: statistics by action, tenant and policy, and timelines per bucket and action. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Statistics")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "A filter cannot be read",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a viewer, or a project outside the token's tenants",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "422", description = "Filters make no sense (from after to, too many buckets)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class StatisticsResource {

    @Inject
    RecordStatistics statistics;

    @Inject
    AuditConfig config;

    @GET
    @Path("/statistics")
    @Operation(summary = "Counts by action, tenant and policy",
            description = "Over [from, to) (default: the last 30 days) and every filter of GET /records.")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(schema = @Schema(implementation = Statistics.class)))
    public Statistics statistics(@BeanParam RecordQueryParams filters) {
        FilterParser parser = new FilterParser();
        RecordFilter filter = ranged(parser, parser.filter(filters));
        parser.check();
        return statistics.statistics(filter);
    }

    @GET
    @Path("/timeline")
    @Operation(summary = "Counts per time bucket and action, for charts",
            description = "Every bucket of [from, to) (default: the last 30 days) is present, zeros included.")
    @APIResponse(responseCode = "200", description = "The timeline",
            content = @Content(schema = @Schema(implementation = Timeline.class)))
    public Timeline timeline(@BeanParam RecordQueryParams filters,
            @QueryParam("bucket") @Parameter(description = "hour, day (default) or week") String bucket) {
        FilterParser parser = new FilterParser();
        RecordFilter filter = ranged(parser, parser.filter(filters));
        TimeBucket size = parser.choice("bucket", bucket, TimeBucket.class, TimeBucket.DAY);
        if (filter.from().isBefore(filter.to()) && size.count(filter.from(), filter.to()) > config.query().maxBuckets()) {
            parser.addInvalid("bucket", "more than " + config.query().maxBuckets()
                    + " buckets; choose a larger bucket or a shorter range");
        }
        parser.check();
        return statistics.timeline(filter, size);
    }

    private RecordFilter ranged(FilterParser parser, RecordFilter filter) {
        Instant to = filter.to() != null ? filter.to() : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = filter.from() != null ? filter.from() : to.minus(config.query().defaultRange());
        if ((filter.from() == null || filter.to() == null) && !from.isBefore(to)) {
            parser.addInvalid("from", "must be before to (" + to + ")");
        }
        return filter.withRange(from, to);
    }
}
