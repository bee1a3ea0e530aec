package dev.snapshotmanager.run.repository;

import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.outbox.SchemaLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Each volume's latest create outcome per run ({@code run_volume_outcome}), so that a run counts every volume once
 * with its latest outcome however many different outcomes the worker reports for it. One primary-key read and one
 * write per result, whatever the size of the run.
 *
 * <p>Pruning (see {@code VolumeOutcomePruner}): a finished run's outcomes are marked PRUNING ({@code run.volume_outcomes};
 * from then on the tracker ignores the run's late create outcomes), deleted in chunks, and the run is marked PRUNED
 * once none is left.
 */
@ApplicationScoped
public class VolumeOutcomes {

    /** The name of the pruning lock ({@link SchemaLocks}: one per schema). */
    static final String PRUNE_LOCK = "run_volume_outcome prune";

    @Inject
    EntityManager em;

    /**
     * What recording an outcome did.
     *
     * @param latest   whether the outcome is now the volume's latest (false: a stored one is as new or newer, and
     *                 this one changes nothing)
     * @param replaced the volume's earlier outcome it replaced, empty when it is the volume's first
     */
    public record Recorded(boolean latest, Optional<VolumeAction> replaced) {
    }

    /**
     * Takes the pruning lock of this schema's outcomes for the current transaction: false when another replica is
     * pruning.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryPruneLock() {
        return em.unwrap(Session.class).doReturningWork(c -> SchemaLocks.tryForTransaction(c, PRUNE_LOCK));
    }

    /** Deletes at most {@code chunk} outcomes of runs marked PRUNING; how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deletePruning(int chunk) {
        return em.createNativeQuery("delete from run_volume_outcome where ctid = any (array(select o.ctid from run r "
                + "join run_volume_outcome o on o.run_id = r.id where r.volume_outcomes = 'PRUNING' limit :chunk))")
                .setParameter("chunk", chunk).executeUpdate();
    }

    /** Marks the PRUNING runs PRUNED (the caller has deleted their last outcomes); how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int finishPruning() {
        return em.createNativeQuery("update run set volume_outcomes = 'PRUNED' where volume_outcomes = 'PRUNING'")
                .executeUpdate();
    }

    /**
     * Marks up to {@code limit} finished runs that ended before {@code cutoff} PRUNING, longest finished first.
     * Runs locked right now (a result being counted) are left for a later pass.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int startPruning(Instant cutoff, int limit) {
        return em.createNativeQuery("update run set volume_outcomes = 'PRUNING' where id in (select id from run "
                + "where volume_outcomes = 'KEPT' and finished_at < :cutoff "
                + "and status not in ('REQUESTED','PLANNING','RUNNING') "
                + "order by finished_at limit :limit for update skip locked)")
                .setParameter("cutoff", cutoff).setParameter("limit", limit).executeUpdate();
    }

    /**
     * Records a volume's create outcome unless the stored one occurred at the same time or later (ties keep the
     * stored one). The caller holds the run's row lock, so outcomes of one run are recorded one at a time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Recorded record(UUID runId, String volumeId, VolumeAction action, Instant occurredAt) {
        // the column keeps microseconds: compare what is stored
        Instant at = occurredAt.truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        List<Object[]> stored = em.createNativeQuery("select action, occurred_at < :at from run_volume_outcome "
                + "where run_id = :run and volume_id = :volume")
                .setParameter("at", at).setParameter("run", runId).setParameter("volume", volumeId).getResultList();
        if (stored.isEmpty()) {
            em.createNativeQuery("insert into run_volume_outcome (run_id, volume_id, action, occurred_at) "
                    + "values (:run, :volume, :action, :at)")
                    .setParameter("run", runId).setParameter("volume", volumeId).setParameter("action", action.name())
                    .setParameter("at", at).executeUpdate();
            return new Recorded(true, Optional.empty());
        }
        if (!Boolean.TRUE.equals(stored.get(0)[1])) {
            return new Recorded(false, Optional.empty());
        }
        em.createNativeQuery("update run_volume_outcome set action = :action, occurred_at = :at "
                + "where run_id = :run and volume_id = :volume")
                .setParameter("action", action.name()).setParameter("at", at).setParameter("run", runId)
                .setParameter("volume", volumeId).executeUpdate();
        return new Recorded(true, Optional.of(VolumeAction.valueOf((String) stored.get(0)[0])));
    }
}
