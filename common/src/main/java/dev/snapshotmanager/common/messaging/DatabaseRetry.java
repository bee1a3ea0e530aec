package dev.snapshotmanager.common.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Repeats a consumer's database work until PostgreSQL takes it. An outage, a failover or a restart of the database
 * makes every statement fail for a while; that is no reason to dead-letter what a consumer received (the event would
 * be lost to the service). So:
 * <ul>
 *   <li><b>database trouble</b> (an {@link SQLException} in the cause chain that is not a data error, e.g. a refused
 *       or broken connection, or a commit that failed) is repeated after a growing delay
 *       ({@code snapshot.database.retry-delay}, doubling up to {@code snapshot.database.retry-max-delay}), without
 *       end. The consumer waits meanwhile: it neither skips the event nor commits past it.</li>
 *   <li><b>bad data</b> (SQLSTATE class 22 or 23, or 54 for a value beyond a limit of PostgreSQL such as a string
 *       too large for an index row: the event, not the database, is at fault) is passed on at once, for the caller to
 *       dead-letter; except a unique violation, which in a consumer is more often a race with a concurrent one than
 *       bad data.</li>
 *   <li><b>anything else</b> (a unique violation, a concurrent update, a bug) is tried {@value #OTHER_ATTEMPTS} times
 *       in all, then passed on.</li>
 * </ul>
 * Each repetition for database trouble is logged and counted in {@code snapshot_database_retries_total{work=...}}.
 */
@ApplicationScoped
public class DatabaseRetry {

    /** Attempts at work that failed for another reason than the database or its data. */
    public static final int OTHER_ATTEMPTS = 3;

    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final Guard otherFailures = Guard.create().withRetry().maxRetries(OTHER_ATTEMPTS - 1)
            .delay(50, ChronoUnit.MILLIS).jitter(25, ChronoUnit.MILLIS)
            .whenException(e -> !isDatabaseTrouble(e) && !isBadData(e) && !(e instanceof InterruptedException))
            .done().build();
    private final Duration delay;
    private final Duration maxDelay;
    private final MeterRegistry registry;

    @Inject
    public DatabaseRetry(@ConfigProperty(name = "snapshot.database.retry-delay", defaultValue = "PT0.2S") Duration delay,
            @ConfigProperty(name = "snapshot.database.retry-max-delay", defaultValue = "PT30S") Duration maxDelay,
            MeterRegistry registry) {
        this.delay = delay;
        this.maxDelay = maxDelay;
        this.registry = registry;
    }

    /** Database work that returns nothing. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} until the database takes it.
     *
     * @param what names the work in the log and in the metric's {@code work} tag, e.g. the consumer's channel
     * @throws Exception bad data, another failure after {@value #OTHER_ATTEMPTS} attempts, or an interruption while
     *         waiting to repeat it
     */
    public void run(String what, Work work) throws Exception {
        call(what, () -> {
            work.run();
            return Boolean.TRUE;
        }, Boolean.class);
    }

    /** Like {@link #run}, for work with a result. */
    public <T> T call(String what, Callable<T> work, Class<T> type) throws Exception {
        return guards.computeIfAbsent(what, this::untilTheDatabaseTakesIt).call(() -> otherFailures.call(work, type),
                type);
    }

    private Guard untilTheDatabaseTakesIt(String what) {
        Counter retries = Counter.builder("snapshot.database.retries")
                .description("Database work repeated because PostgreSQL did not take it").tag("work", what)
                .register(registry);
        long first = Math.max(1, delay.toMillis());
        return Guard.create().withRetry()
                .maxRetries(-1).maxDuration(0, ChronoUnit.MILLIS)
                .delay(first, ChronoUnit.MILLIS).jitter(Math.max(1, first / 4), ChronoUnit.MILLIS)
                .withExponentialBackoff().factor(2).maxDelay(Math.max(first, maxDelay.toMillis()), ChronoUnit.MILLIS)
                .done()
                .whenException(DatabaseRetry::isDatabaseTrouble)
                .beforeRetry(e -> {
                    retries.increment();
                    Throwable cause = cause(e);
                    LOG.warnf("PostgreSQL did not take %s (%s: %s); repeating it", what,
                            cause.getClass().getSimpleName(), cause.getMessage());
                })
                .done().build();
    }

    /**
     * Whether the database, not the work, failed: an {@link SQLException} that is not a data error, or a commit that
     * failed ({@link RollbackException}), in the cause chain.
     */
    public static boolean isDatabaseTrouble(Throwable e) {
        return !isDataError(e) && chain(e).anyMatch(t -> t instanceof SQLException || t instanceof RollbackException);
    }

    /**
     * Whether the event's data is at fault: a data error ({@link #isDataError(SQLException)}) other than a unique
     * violation (SQLSTATE 23505) in the cause chain.
     */
    public static boolean isBadData(Throwable e) {
        return sqlExceptions(e).anyMatch(sql -> isDataError(sql) && !UNIQUE_VIOLATION.equals(sql.getSQLState()));
    }

    /**
     * Whether PostgreSQL refused a value itself somewhere in the cause chain: SQLSTATE class 22 (data exception, e.g. a
     * time beyond its range, a NUL character) or 54 (a value beyond its limits, e.g. too large for an index row). Unlike
     * a constraint (class 23) this is the value's fault whatever else the database holds.
     */
    public static boolean isRefusedValue(Throwable e) {
        return sqlExceptions(e).map(SQLException::getSQLState)
                .anyMatch(state -> state != null && (state.startsWith("22") || state.startsWith("54")));
    }

    /** Whether a data error ({@link #isDataError(SQLException)}) appears in the cause chain. */
    public static boolean isDataError(Throwable e) {
        return sqlExceptions(e).anyMatch(DatabaseRetry::isDataError);
    }

    /**
     * SQLSTATE class 22 (data exception), 23 (integrity constraint) or 54 (program limit exceeded, e.g. {@code index
     * row size 6016 exceeds btree version 4 maximum 2704}: a value too large for an index): the data, not the
     * database, is at fault, and the same statement with the same data never succeeds.
     */
    public static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /** The first SQLException of the cause chain (what PostgreSQL or the driver said), else the innermost cause. */
    private static Throwable cause(Throwable e) {
        return sqlExceptions(e).<Throwable>map(sql -> sql).findFirst()
                .orElseGet(() -> chain(e).reduce((outer, inner) -> inner).orElse(e));
    }

    private static Stream<SQLException> sqlExceptions(Throwable e) {
        return chain(e).filter(SQLException.class::isInstance).map(SQLException.class::cast);
    }

    /** {@code e} and its causes, outermost first. */
    private static Stream<Throwable> chain(Throwable e) {
        return Stream.iterate(e, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }
}
