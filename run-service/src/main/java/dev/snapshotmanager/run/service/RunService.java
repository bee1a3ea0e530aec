package dev.snapshotmanager.run.service;

import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.common.security.CallerContext;
import dev.snapshotmanager.common.security.Roles;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.RunScope;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.run.domain.NewRun;
import dev.snapshotmanager.run.domain.PolicySchedule;
import dev.snapshotmanager.run.domain.Run;
import dev.snapshotmanager.run.domain.RunRules;
import dev.snapshotmanager.run.repository.PolicyScheduleRepository;
import dev.snapshotmanager.run.repository.RunInserts;
import dev.snapshotmanager.run.repository.RunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Run-now and cancel: the rules of who may request what, and one active run per policy. */
@ApplicationScoped
public class RunService {

    @Inject
    RunRepository runs;

    @Inject
    RunInserts inserts;

    @Inject
    PolicyScheduleRepository schedules;

    @Inject
    RunEvents events;

    @Inject
    CallerContext caller;

    @Inject
    Clock clock;

    /** What a person or a tool asks for. */
    public record Request(UUID policySetId, String policyName, boolean dryRun, RunScope scope, String reason,
            RunTrigger trigger) {
    }

    /**
     * Inserts a REQUESTED run and its events in one transaction.
     *
     * @throws ProblemException 403 (real run without admin, tenant outside the caller's, a tenants claim that
     *                          names no tenant), 422 (unknown policy,
     *                          scope outside the policy's tenant), 409 (the policy has an active run)
     */
    @Transactional
    public Run request(Request request) {
        if (!request.dryRun() && !caller.hasRole(Roles.ADMIN)) {
            throw ProblemException.forbidden("a real run needs the admin role; operators may request dry runs");
        }
        PolicySchedule policy = schedules.find(request.policySetId(), request.policyName())
                .orElseThrow(() -> ProblemException.unprocessable("unknown policy " + request.policySetId() + "/"
                        + request.policyName(), List.of(new Problem.Violation("policy", "no such policy"))));
        RunScope scope = request.scope() == null ? new RunScope(null, null, null) : request.scope();
        Set<String> tenants = tenantsOf(policy, scope);
        Optional<Set<String>> callerTenants = caller.tenants();
        if (callerTenants.isPresent()) {
            if (callerTenants.get().stream().allMatch(String::isBlank)) {
                // an empty tenants claim limits the caller to no tenant at all: its run would be unrestricted
                throw ProblemException.forbidden("the caller's tenants claim names no tenant");
            }
            if (tenants == null) {
                tenants = callerTenants.get();
                scope = new RunScope(scope.domainIds(), List.copyOf(tenants), scope.volumeIds());
            } else if (!callerTenants.get().containsAll(tenants)) {
                throw ProblemException.forbidden("the run would touch tenants outside the caller's tenants");
            }
        }
        Instant now = clock.instant();
        NewRun run = new NewRun(UUID.randomUUID(), RunStatus.REQUESTED, request.trigger(), policy.ref(), now,
                request.dryRun(), scope.isUnrestricted() ? null : scope, tenants, caller.name(), request.reason(),
                null, now, null);
        if (!inserts.insertIfAllowed(run)) {
            UUID active = runs.findActive(policy.policySetId(), policy.policyName()).map(Run::id).orElse(null);
            throw ProblemException.conflict("policy " + policy.policySetName() + "/" + policy.policyName()
                    + " already has an active run", active);
        }
        Run inserted = runs.findById(run.id());
        events.requested(inserted);
        return inserted;
    }

    /**
     * Cancels an active run; the worker stops starting new volumes when it sees the CANCELLED lifecycle event.
     *
     * @throws ProblemException 404 (unknown or invisible run), 403 (a tenant-scoped caller and a run that is not
     *                          only its tenants'), 409 (already finished)
     */
    @Transactional
    public Run cancel(UUID id, String reason) {
        Run run = runs.lock(id).filter(this::visible).orElseThrow(() -> ProblemException.notFound("run", id));
        if (!changeable(run)) {
            throw ProblemException.forbidden("run " + id + " touches tenants outside the caller's tenants"
                    + (run.allTenants() ? " (all tenants)" : "") + "; it can only be read");
        }
        if (!run.isActive()) {
            throw ProblemException.conflict("run " + id + " is already " + run.status(), id);
        }
        RunRules.cancel(run, clock.instant(), "cancelled by " + caller.name() + (reason == null ? "" : ": " + reason));
        events.lifecycle(run, LifecycleEvent.CANCELLED);
        return run;
    }

    /** Whether the caller may see the run. */
    public boolean visible(Run run) {
        return caller.tenants().map(run::touchesAny).orElse(true);
    }

    /**
     * Whether the caller may change the run (DOMAIN.md: a token with a tenant claim changes only those tenants'
     * data): every caller without a tenant claim; a tenant-scoped one only a run within its tenants.
     */
    public boolean changeable(Run run) {
        return caller.tenants().map(run::touchesOnly).orElse(true);
    }

    private static Set<String> tenantsOf(PolicySchedule policy, RunScope scope) {
        Set<String> projects = scope.projectIds() == null || scope.projectIds().isEmpty() ? null
                : new LinkedHashSet<>(scope.projectIds());
        Set<String> policyTenants = policy.tenants();
        if (policyTenants == null) {
            return projects;
        }
        if (projects == null) {
            return policyTenants;
        }
        projects.retainAll(policyTenants);
        if (projects.isEmpty()) {
            throw ProblemException.unprocessable("the scope's projects are outside the policy set's tenant",
                    List.of(new Problem.Violation("scope.projectIds", "outside the policy set's tenant")));
        }
        return projects;
    }
}
