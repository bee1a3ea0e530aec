package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.config.AuditConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Repeats a database call until PostgreSQL takes it. An outage, a failover or a restart of the database makes every
 * statement fail for a while; that is no reason to dead-letter what a consumer received. The call is repeated after
 * a growing delay ({@code audit.database.retry-delay}, doubling up to {@code audit.database.retry-max-delay}), without
 * end, and the consumer waits meanwhile: it neither skips the event nor commits past it. Only a data error (SQLSTATE
 * class 22 or 23 anywhere in the cause chain: the event, not the database, is at fault) is passed on at once, for the
 * caller to dead-letter. Each repetition is logged and counted in {@code audit_database_retries_total{work=...}}.
 */
@ApplicationScoped
public class DatabaseRetry {

    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class);

    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final AuditConfig.Database config;
    private final MeterRegistry registry;

    @Inject
    public DatabaseRetry(AuditConfig config, MeterRegistry registry) {
        this.config = config.database();
        this.registry = registry;
    }

    /** A database call that returns nothing. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} until the database takes it.
     *
     * @param what names the work in the log and in the metric's {@code work} tag, e.g. {@code volume-results}
     * @throws Exception a data error of {@code work}, or an interruption while waiting to repeat it
     */
    public void run(String what, Work work) throws Exception {
        call(what, () -> {
            work.run();
            return Boolean.TRUE;
        }, Boolean.class);
    }

    /** Like {@link #run}, for work with a result. */
    public <T> T call(String what, Callable<T> work, Class<T> type) throws Exception {
        return guards.computeIfAbsent(what, this::guard).call(work, type);
    }

    private Guard guard(String what) {
        Counter retries = Counter.builder("audit.database.retries")
                .description("Database calls repeated because PostgreSQL did not take them").tag("work", what)
                .register(registry);
        long delay = Math.max(1, config.retryDelay().toMillis());
        return Guard.create().withRetry()
                .maxRetries(-1).maxDuration(0, ChronoUnit.MILLIS)
                .delay(delay, ChronoUnit.MILLIS).jitter(Math.max(1, delay / 4), ChronoUnit.MILLIS)
                .withExponentialBackoff().factor(2)
                .maxDelay(Math.max(delay, config.retryMaxDelay().toMillis()), ChronoUnit.MILLIS).done()
                .whenException(e -> !isDataError(e) && !(e instanceof InterruptedException))
                .beforeRetry(e -> {
                    retries.increment();
                    Throwable cause = cause(e);
                    LOG.warnf("PostgreSQL did not take %s (%s: %s); repeating it", what,
                            cause.getClass().getSimpleName(), cause.getMessage());
                })
                .done().build();
    }

    /** The first SQLException of the cause chain (what PostgreSQL or the driver said), else the innermost cause. */
    private static Throwable cause(Throwable e) {
        Throwable last = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return t;
            }
            last = t;
        }
        return last;
    }

    /** Whether SQLSTATE class 22 (data exception) or 23 (integrity constraint) appears in the cause chain. */
    public static boolean isDataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && isDataError(sql)) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint): the data, not the database, is at fault. */
    public static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
