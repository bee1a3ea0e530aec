package dev.snapshotmanager.run.api;

import dev.snapshotmanager.common.security.CallerContext;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.run.config.RunsConfig;
import dev.snapshotmanager.run.domain.RunChanged;
import dev.snapshotmanager.run.service.LiveRuns;
import dev.snapshotmanager.run.service.RunEvents;
import dev.snapshotmanager.run.service.RunQueries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Server-Sent Events of run lifecycle and progress changes (RunLifecycleV1 as JSON), for the UI. Between its events a
 * stream sends a comment every {@code snapshot.runs.stream-keep-alive}, so that an idle timeout on the way (an
 * ingress, a load balancer) does not cut a quiet stream; {@code X-Accel-Buffering: no} asks an nginx in front not to
 * hold events back.
 */
@Path("/api/v1/runs")
@Tag(name = "Runs")
@RolesAllowed(Roles.VIEWER)
public class RunStreamResource {

    @Inject
    LiveRuns live;

    @Inject
    RunQueries queries;

    @Inject
    CallerContext caller;

    @Inject
    Clock clock;

    @Inject
    RunsConfig config;

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @Operation(summary = "Stream the lifecycle and progress changes of every run the caller may see")
    @APIResponse(responseCode = "200", description = "A stream of RunLifecycleV1 events",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = RunLifecycleV1.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    public Multi<OutboundSseEvent> all(@Context Sse sse) {
        return withKeepAlive(sse, stream(visibleTo(caller.tenants())));
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @Operation(summary = "Stream the lifecycle and progress changes of one run",
            description = "The first event is the run's current state (event REQUESTED or PROGRESS while it is active,"
                    + " its terminal event once it has finished), then every change; a change older than that state"
                    + " is left out. So a client that opens the stream after reading the run misses nothing, also"
                    + " when the run finished in between or the stream is re-opened.")
    @APIResponse(responseCode = "200", description = "A stream of RunLifecycleV1 events",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = RunLifecycleV1.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "404", description = "No such run (or not visible)")
    @io.smallrye.common.annotation.Blocking
    public Multi<OutboundSseEvent> one(@PathParam("id") UUID id, @Context Sse sse) {
        // Listen first, then read: a change committed after the read arrives as a change, one committed before it
        // is in the state read (and its event, if it arrives late, is older and left out). No such run: a 404, and
        // the listening stops.
        UnicastProcessor<RunLifecycleV1> changes = UnicastProcessor.create();
        Cancellable listening = stream(change -> change.lifecycle().runId().equals(id))
                .subscribe().with(changes::onNext, changes::onError, changes::onComplete);
        RunLifecycleV1 current;
        try {
            current = RunEvents.currentOf(queries.get(id), clock.instant());
        } catch (RuntimeException e) {
            listening.cancel();
            throw e;
        }
        long reached = RunEvents.progressOf(current);
        return withKeepAlive(sse, Multi.createBy().concatenating().streams(Multi.createFrom().item(current),
                        changes.filter(change -> RunEvents.progressOf(change) >= reached))
                .onTermination().invoke(listening::cancel));
    }

    /** The events as JSON data, and a comment every keep-alive interval between them. */
    private Multi<OutboundSseEvent> withKeepAlive(Sse sse, Multi<RunLifecycleV1> events) {
        Multi<OutboundSseEvent> data = events.map(event -> sse.newEventBuilder()
                .data(RunLifecycleV1.class, event).build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(config.streamKeepAlive())
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(data, keepAlive);
    }

    private Multi<RunLifecycleV1> stream(Predicate<RunChanged> filter) {
        return live.stream().filter(filter).map(RunChanged::lifecycle);
    }

    private static Predicate<RunChanged> visibleTo(Optional<Set<String>> tenants) {
        return change -> tenants.map(change::visibleTo).orElse(true);
    }
}
