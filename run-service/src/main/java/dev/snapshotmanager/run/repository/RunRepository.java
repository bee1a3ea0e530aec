package dev.snapshotmanager.run.repository;

import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.run.domain.Run;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads and locks runs. Inserts go through {@link RunInserts}. */
@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<Run, UUID> {

    public static final List<RunStatus> ACTIVE = List.of(RunStatus.REQUESTED, RunStatus.PLANNING, RunStatus.RUNNING);

    /**
     * The run, locked for update until the transaction ends. The row is locked first and only then read, so the
     * state (and version) is the latest committed one even when another transaction changed it meanwhile.
     */
    public Optional<Run> lock(UUID id) {
        List<?> locked = getEntityManager().createNativeQuery("select id from run where id = :id for update")
                .setParameter("id", id).getResultList();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(getEntityManager().find(Run.class, id));
    }

    /** The active run of a policy, if any (at most one, by a unique index). */
    public Optional<Run> findActive(UUID policySetId, String policyName) {
        return find("policySetId = ?1 and policyName = ?2 and status in ?3", policySetId, policyName, ACTIVE)
                .firstResultOptional();
    }

    /** Every active run, newest first. */
    public List<Run> listActive() {
        return list("status in ?1 order by requestedAt desc, id desc", ACTIVE);
    }

    /**
     * Ids of active runs with neither planning/results nor a heartbeat since {@code before} (PLANNING, RUNNING) or
     * since {@code requestedBefore} (REQUESTED: waiting for a worker's planner), longest silent first (the expression
     * matches the partial index {@code run_active_last_sign_of_life}).
     */
    @SuppressWarnings("unchecked")
    public List<UUID> staleIds(Instant before, Instant requestedBefore, int limit) {
        return getEntityManager().createNativeQuery("select id from run where ((status in ('PLANNING','RUNNING') "
                + "and greatest(last_activity_at, last_heartbeat_at) < :before) or (status = 'REQUESTED' "
                + "and greatest(last_activity_at, last_heartbeat_at) < :requestedBefore)) "
                + "order by greatest(last_activity_at, last_heartbeat_at) limit :limit", UUID.class)
                .setParameter("before", before).setParameter("requestedBefore", requestedBefore)
                .setParameter("limit", limit).getResultList();
    }

    /**
     * Records a worker heartbeat on an active run, only moving {@code last_heartbeat_at} forward: a duplicate, a
     * redelivery or an older heartbeat arriving late changes nothing.
     *
     * @return whether the run is active and this heartbeat is its latest
     */
    public boolean recordHeartbeat(UUID id, String workerId, Instant at) {
        return getEntityManager().createNativeQuery("update run set last_heartbeat_at = :at, "
                + "last_heartbeat_worker = :worker where id = :id and status in ('REQUESTED','PLANNING','RUNNING') "
                + "and (last_heartbeat_at is null or last_heartbeat_at < :at)")
                .setParameter("at", at).setParameter("worker", workerId).setParameter("id", id)
                .executeUpdate() == 1;
    }

    /** The run's status without loading it, if it exists. */
    public Optional<RunStatus> statusOf(UUID id) {
        return getEntityManager().createQuery("select r.status from Run r where r.id = :id", RunStatus.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    /** One page of runs, newest first, after the keyset position {@code (requestedAt, id)} when given. */
    @SuppressWarnings("unchecked")
    public List<Run> page(RunFilter filter, Instant afterRequestedAt, UUID afterId, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.policySetId() != null) {
            where.add("r.policy_set_id = :policySetId");
            params.put("policySetId", filter.policySetId());
        }
        if (filter.policyName() != null) {
            where.add("r.policy_name = :policyName");
            params.put("policyName", filter.policyName());
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.add("r.status in (:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.trigger() != null) {
            where.add("r.trigger = :trigger");
            params.put("trigger", filter.trigger().name());
        }
        if (filter.dryRun() != null) {
            where.add("r.dry_run = :dryRun");
            params.put("dryRun", filter.dryRun());
        }
        if (filter.tenant() != null) {
            where.add("(r.all_tenants or exists (select 1 from run_tenant t where t.run_id = r.id "
                    + "and t.tenant_id = :tenant))");
            params.put("tenant", filter.tenant());
        }
        filter.visibleTenants().ifPresent(tenants -> {
            where.add("(r.all_tenants or exists (select 1 from run_tenant v where v.run_id = r.id "
                    + "and v.tenant_id in (:visible)))");
            params.put("visible", tenants.isEmpty() ? List.of("") : List.copyOf(tenants));
        });
        if (filter.from() != null) {
            where.add("r.requested_at >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("r.requested_at < :to");
            params.put("to", filter.to());
        }
        if (afterRequestedAt != null) {
            where.add("(r.requested_at, r.id) < (:afterAt, :afterId)");
            params.put("afterAt", afterRequestedAt);
            params.put("afterId", afterId);
        }
        String sql = "select r.* from run r" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by r.requested_at desc, r.id desc limit " + limit;
        Query query = getEntityManager().createNativeQuery(sql, Run.class);
        params.forEach(query::setParameter);
        return query.getResultList();
    }
}
