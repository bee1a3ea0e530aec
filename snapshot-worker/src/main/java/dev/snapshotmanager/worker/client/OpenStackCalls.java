package dev.snapshotmanager.worker.client;

import com.google.common.util.concurrent.RateLimiter;
import dev.snapshotmanager.worker.config.OpenStackConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.exceptions.ConnectionException;
import org.openstack4j.api.exceptions.ResponseException;

/**
 * Every OpenStack call goes through here: the global requests-per-second limit (slowed down when OpenStack pushes
 * back with 429/503), a fresh per-thread session from a cached token (one re-authentication on 401), translation of
 * openstack4j's exceptions to {@link CinderException}, latency/error metrics by operation and, for
 * {@link #retrying}, exponential backoff with jitter on transient failures (SmallRye Fault Tolerance).
 */
@ApplicationScoped
public class OpenStackCalls {

    private final OpenStackSessions sessions;
    private final MeterRegistry meters;
    private final RateLimiter limiter;
    private final double maxRate;
    private final Guard retry;

    public OpenStackCalls(OpenStackSessions sessions, MeterRegistry meters, OpenStackConfig config) {
        this.sessions = sessions;
        this.meters = meters;
        this.maxRate = config.requestsPerSecond();
        this.limiter = RateLimiter.create(maxRate);
        OpenStackConfig.Retry r = config.retry();
        this.retry = Guard.create().withRetry()
                .maxRetries(r.maxRetries())
                .delay(r.initialDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(Math.max(1, r.jitter().toMillis()), ChronoUnit.MILLIS)
                .maxDuration(1, ChronoUnit.HOURS)
                .whenException(e -> e instanceof CinderException c && c.isTransient())
                .withExponentialBackoff().factor(2).maxDelay(r.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                .done().build();
    }

    /** One call in {@code projectId}'s scope ({@code null}: the service user's own, admin, scope); no retries. */
    public <T> T once(String operation, String projectId, Function<OSClientV3, T> call) {
        return execute(operation, projectId, call, true);
    }

    /** Like {@link #once}, retried with exponential backoff and jitter while the failure is transient. */
    public <T> T retrying(String operation, String projectId, Function<OSClientV3, T> call) {
        return withRetries(operation, () -> once(operation, projectId, call));
    }

    /**
     * Runs {@code attempts} again with exponential backoff and jitter while it fails with a transient
     * {@link CinderException}, e.g. a create that first looks whether an earlier attempt succeeded after all.
     */
    @SuppressWarnings("unchecked")
    public <T> T withRetries(String operation, Supplier<T> attempts) {
        try {
            return (T) retry.call(attempts::get, Object.class);
        } catch (CinderException e) {
            throw e;
        } catch (Exception e) {
            throw new CinderException(operation, 0, String.valueOf(e.getMessage()), e);
        }
    }

    /** Records a failed response that openstack4j returned instead of throwing (ActionResponse of a delete). */
    public void recordFailure(String operation, int status) {
        meters.counter("snapshot.cinder.errors", "operation", operation, "status", String.valueOf(status)).increment();
        if (status == 429 || status == 503) {
            pushBack();
        }
    }

    private <T> T execute(String operation, String projectId, Function<OSClientV3, T> call, boolean reauthenticate) {
        limiter.acquire();
        Timer.Sample sample = Timer.start(meters);
        String outcome = "ok";
        try {
            OSClientV3 os = projectId == null ? sessions.admin() : sessions.project(projectId);
            T result = call.apply(os);
            relax();
            return result;
        } catch (AuthenticationException e) {
            outcome = "401";
            sessions.invalidate(projectId);
            if (reauthenticate) {
                return execute(operation, projectId, call, false);
            }
            throw failure(operation, 401, e);
        } catch (ConnectionException e) {
            outcome = "io";
            throw failure(operation, 0, e);
        } catch (ResponseException e) {
            outcome = String.valueOf(e.getStatus());
            throw failure(operation, e.getStatus(), e);
        } catch (CinderException e) {
            outcome = String.valueOf(e.status());
            throw e;
        } catch (RuntimeException e) {
            outcome = "io";
            throw failure(operation, 0, e);
        } finally {
            sample.stop(meters.timer("snapshot.cinder.requests", "operation", operation, "outcome", outcome));
        }
    }

    private CinderException failure(String operation, int status, Exception e) {
        recordFailure(operation, status);
        return new CinderException(operation, status, String.valueOf(e.getMessage()), e);
    }

    /** OpenStack pushes back: halve the request rate (down to one request per second). */
    private void pushBack() {
        limiter.setRate(Math.max(1.0, limiter.getRate() / 2));
    }

    /** A success: creep back towards the configured rate. */
    private void relax() {
        double rate = limiter.getRate();
        if (rate < maxRate) {
            limiter.setRate(Math.min(maxRate, rate * 1.05 + 0.1));
        }
    }
}
