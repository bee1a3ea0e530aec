package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.policy.config.PolicyConfig;
import dev.snapshotmanager.policy.domain.Schedules;
import dev.snapshotmanager.policy.domain.Templates;
import dev.snapshotmanager.policy.domain.Violations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Schedule previews (DST as DOMAIN.md says) and the built-in templates; a saved policy's preview is on PolicySetResource. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules and templates")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ScheduleResource {

    /** One fire time, on the UTC time line and on the policy's local clock. */
    public record FireTime(Instant utc, OffsetDateTime local) {
    }

    /** The next fire times of a schedule. */
    public record SchedulePreview(String cron, String timeZone, List<FireTime> fireTimes) {
    }

    /** A schedule to preview; {@code from} defaults to now, {@code count} to 10. */
    public record PreviewRequest(String cron, String timeZone, Integer count, Instant from) {
    }

    @Inject
    PolicyConfig config;

    @POST
    @Path("/schedule-previews")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Preview any cron and zone before saving it")
    @APIResponse(responseCode = "200", description = "The preview")
    @APIResponse(responseCode = "422", description = "Invalid cron, zone or count (violations)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SchedulePreview preview(PreviewRequest request) {
        return preview(PolicySetResource.requireBody(request), config.maxPreviewCount());
    }

    static SchedulePreview preview(PreviewRequest r, int maxCount) {
        int count = r.count() == null ? 10 : r.count();
        String zone = r.timeZone() == null ? "UTC" : r.timeZone();
        Instant from = r.from() == null ? Instant.now() : r.from();
        Violations v = new Violations().add("cron", Schedules.cronError(r.cron())).add("timeZone",
                Schedules.zoneError(zone)).range("count", count, 1, maxCount);
        if (from.isBefore(EARLIEST_FROM) || from.isAfter(LATEST_FROM)) {
            v.add("from", "must be between " + EARLIEST_FROM + " and " + LATEST_FROM);
        }
        v.throwIfAny("The schedule cannot be previewed");
        List<FireTime> fires = Schedules.next(r.cron(), zone, from, count).stream()
                .map(z -> new FireTime(z.toInstant(), z.toOffsetDateTime())).toList();
        return new SchedulePreview(r.cron().trim(), zone, fires);
    }

    @GET
    @Path("/policy-templates")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The built-in policy templates (daily_5, monthly_1st, monthly_15th) to copy into a set")
    @APIResponse(responseCode = "200", description = "The templates")
    public List<Templates.Template> templates() {
        return Templates.ALL;
    }

    /** The range of {@code from} a preview accepts (beyond it the calendar arithmetic leaves its range). */
    static final Instant EARLIEST_FROM = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST_FROM = Instant.parse("9999-01-01T00:00:00Z");

    static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (java.time.DateTimeException e) {
            throw ProblemException.badRequest("from must be an ISO-8601 instant such as 2026-03-29T00:00:00Z");
        }
    }
}
