package dev.snapshotmanager.run.api;

import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.common.time.StorableTimes;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.run.repository.RunFilter;
import dev.snapshotmanager.run.service.RunQueries;
import dev.snapshotmanager.run.service.RunService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs: request (run-now, dry or real), list, inspect, cancel. */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runs")
@RolesAllowed(Roles.VIEWER)
@APIResponse(responseCode = "401", description = "Missing or invalid bearer token",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or tenant does not allow it",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class RunResource {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    RunService service;

    @Inject
    RunQueries queries;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Request a run of a policy now (dry runs: operator; real runs: admin)")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the run",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The policy already has an active run (conflictingId)",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "Invalid request or unknown policy",
            content = @Content(mediaType = PROBLEM))
    public Response request(@NotNull @Valid RunRequest body, @Context UriInfo uri) {
        RunTrigger trigger = body.trigger() == null ? RunTrigger.API : body.trigger();
        if (trigger == RunTrigger.SCHEDULED) {
            throw ProblemException.unprocessable("only the scheduler makes SCHEDULED runs",
                    List.of(new Problem.Violation("trigger", "must be MANUAL or API")));
        }
        var run = service.request(new RunService.Request(body.policy().policySetId(), body.policy().policyName(),
                body.dryRun(), body.runScope(), body.reason(), trigger));
        return Response.accepted(RunView.of(run, clock.instant()))
                .location(uri.getBaseUriBuilder().path("api/v1/runs").path(run.id().toString()).build()).build();
    }

    @GET
    @Operation(summary = "List runs, newest first (keyset pagination)")
    @APIResponse(responseCode = "200", description = "A page of runs",
            content = @Content(schema = @Schema(implementation = RunPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or cursor", content = @Content(mediaType = PROBLEM))
    public RunPage list(@QueryParam("policySetId") UUID policySetId, @QueryParam("policyName") String policyName,
            @QueryParam("status") List<RunStatus> statuses, @QueryParam("trigger") RunTrigger trigger,
            @QueryParam("dryRun") Boolean dryRun, @QueryParam("tenant") String tenant,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") String cursor) {
        RunFilter filter = new RunFilter(policySetId, policyName, statuses, trigger, dryRun, tenant,
                instant("from", from), instant("to", to), Optional.empty());
        RunQueries.Page page = queries.list(filter, limit, cursor);
        Instant now = clock.instant();
        return new RunPage(page.items().stream().map(r -> RunView.of(r, now)).toList(), page.nextCursor());
    }

    @GET
    @Path("/active")
    @Operation(summary = "The active runs (REQUESTED, PLANNING, RUNNING), newest first")
    @APIResponse(responseCode = "200", description = "Active runs",
            content = @Content(schema = @Schema(implementation = RunView.class, type = org.eclipse.microprofile
                    .openapi.annotations.enums.SchemaType.ARRAY)))
    public List<RunView> active() {
        Instant now = clock.instant();
        return queries.active().stream().map(r -> RunView.of(r, now)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run with counters, progress, ETA and timings")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run (or not visible)",
            content = @Content(mediaType = PROBLEM))
    public RunView get(@PathParam("id") UUID id) {
        return RunView.of(queries.get(id), clock.instant());
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Cancel an active run; the worker stops starting new volumes")
    @APIResponse(responseCode = "200", description = "The cancelled run",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run (or not visible)",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The run already finished", content = @Content(mediaType = PROBLEM))
    public RunView cancel(@PathParam("id") UUID id, @QueryParam("reason") @Size(max = 1000) String reason) {
        return RunView.of(service.cancel(id, reason), clock.instant());
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant, e.g. 2026-01-31T02:00:00Z");
        }
        if (!StorableTimes.contains(instant)) {
            throw ProblemException.badRequest(name + " must lie between years 1 and 9999");
        }
        return instant;
    }
}
