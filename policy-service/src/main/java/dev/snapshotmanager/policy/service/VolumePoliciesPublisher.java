package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.policy.config.PolicyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Publishes every inventory volume's resolution on {@code snapshot.volume-policies.v1} when it changed since its last
 * publication, and {@code removed=true} for volumes that left the inventory. A pass pages through the inventory in
 * chunks (one bulk state load and one transaction each, see {@link VolumePublications}); it runs periodically
 * because exclusions expire by time, without any change to trigger it, and soon after this instance commits a change
 * of what resolutions depend on ({@link ResolutionInputsChanged}, debounced), so that compliance follows an exclusion
 * in seconds. Only one instance runs a pass at a time: a pass holds a PostgreSQL advisory lock, and a pass that
 * cannot take it is skipped (a pass after a change is then tried again).
 */
@ApplicationScoped
public class VolumePoliciesPublisher {

    private static final Logger LOG = Logger.getLogger(VolumePoliciesPublisher.class);

    /** The advisory lock of the pass ("volpol" + 1), unique among this database's advisory locks. */
    static final long LOCK_KEY = 0x766f6c706f6c01L;

    /**
     * What a pass did.
     *
     * @param ran       false when another pass (of this or another instance) held the lock: nothing was done
     * @param volumes   inventory volumes resolved
     * @param published volumes whose changed resolution was published
     * @param removed   volumes published as removed
     */
    public record PassResult(boolean ran, int volumes, int published, int removed) {

        static PassResult skipped() {
            return new PassResult(false, 0, 0, 0);
        }
    }

    @Inject
    PolicyConfig config;

    @Inject
    VolumePublications publications;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private Debouncer afterChange;

    @PostConstruct
    void start() {
        String delay = config.volumePolicies().afterChange();
        if (config.volumePolicies().enabled() && !"off".equalsIgnoreCase(delay.trim())) {
            afterChange = new Debouncer("volume-policies-after-change", DurationConverter.parseDuration(delay),
                    () -> runLogged().ran());
        }
    }

    @PreDestroy
    void stop() {
        if (afterChange != null) {
            afterChange.close();
        }
    }

    /** A committed change of something resolutions depend on: a pass soon (debounced), not only at the interval. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ResolutionInputsChanged change) {
        if (afterChange != null) {
            afterChange.request();
        }
    }

    @Scheduled(identity = "volume-policies", every = "${snapshot.policy.volume-policies.interval:30s}",
            delayed = "${snapshot.policy.volume-policies.initial-delay:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        if (config.volumePolicies().enabled()) {
            runLogged();
        }
    }

    private PassResult runLogged() {
        try {
            return publishChanges();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Volume policies pass failed; the next pass retries");
            return new PassResult(true, 0, 0, 0);
        }
    }

    /** Runs one pass with the configured chunk size. */
    public PassResult publishChanges() {
        return publishChanges(config.volumePolicies().chunkSize());
    }

    /** Runs one pass, resolving and committing {@code chunkSize} volumes at a time; skipped if one is running. */
    public PassResult publishChanges(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1");
        }
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, "pg_try_advisory_lock")) {
                LOG.debug("Volume policies pass skipped: another pass holds the lock");
                registry.counter("snapshot_policy_volume_policies_passes_skipped_total").increment();
                return PassResult.skipped();
            }
            try {
                return pass(chunkSize);
            } finally {
                advisoryLock(lock, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the volume policies lock could not be taken or released", e);
        }
    }

    private PassResult pass(int chunkSize) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Timer.Sample sample = Timer.start(registry);
        int volumes = 0;
        int published = 0;
        String after = null;
        VolumePublications.Chunk chunk;
        do {
            chunk = publications.publishChanged(after, chunkSize, now);
            volumes += chunk.volumes();
            published += chunk.published();
            after = chunk.lastVolumeId();
        } while (chunk.volumes() == chunkSize);
        int removed = 0;
        int gone;
        do {
            gone = publications.removeGone(chunkSize, now);
            removed += gone;
        } while (gone == chunkSize);
        long nanos = sample.stop(registry.timer("snapshot_policy_volume_policies_pass_seconds"));
        registry.counter("snapshot_policy_volume_policies_published_total").increment(published);
        registry.counter("snapshot_policy_volume_policies_removed_total").increment(removed);
        LOG.logf(published + removed > 0 ? Logger.Level.INFO : Logger.Level.DEBUG,
                "Volume policies pass: %d volume(s) resolved, %d changed published, %d removed, in %d ms",
                volumes, published, removed, nanos / 1_000_000);
        return new PassResult(true, volumes, published, removed);
    }

    private static boolean advisoryLock(Connection c, String function) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + function + "(?)")) {
            q.setLong(1, LOCK_KEY);
            try (ResultSet r = q.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }
}
