package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.worker.client.PolicyResolutionClient;
import dev.snapshotmanager.worker.client.PolicyServiceException;
import dev.snapshotmanager.worker.client.ResolutionRequest;
import dev.snapshotmanager.worker.client.ResolutionResponse;
import dev.snapshotmanager.worker.config.WorkerConfig;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks policy-service which policies apply to volumes, in chunks, retried with exponential backoff
 * ({@code resolution-max-retries}, {@code resolution-retry-delay}); then a {@link PolicyServiceException} says what
 * went wrong.
 */
@ApplicationScoped
public class PolicyResolution {

    private final PolicyResolutionClient client;
    private final int chunkSize;
    private final Guard retry;

    public PolicyResolution(@RestClient PolicyResolutionClient client, WorkerConfig config) {
        this.client = client;
        this.chunkSize = Math.max(1, config.resolutionChunkSize());
        long delay = Math.max(1, config.resolutionRetryDelay().toMillis());
        this.retry = Guard.create().withRetry().maxRetries(Math.max(0, config.resolutionMaxRetries()))
                .delay(delay, ChronoUnit.MILLIS).jitter(Math.max(1, delay / 2), ChronoUnit.MILLIS)
                .withExponentialBackoff().factor(2).done().done().build();
    }

    /**
     * Volume id to its resolution; volumes policy-service did not answer for are absent.
     *
     * @throws PolicyServiceException when a chunk still fails after the retries
     */
    public Map<String, ResolutionResponse.VolumeResolution> resolve(List<ResolutionRequest.VolumeDescription> volumes) {
        Map<String, ResolutionResponse.VolumeResolution> resolved = new HashMap<>();
        for (int from = 0; from < volumes.size(); from += chunkSize) {
            ResolutionRequest chunk = new ResolutionRequest(volumes.subList(from, Math.min(volumes.size(),
                    from + chunkSize)));
            ResolutionResponse response;
            try {
                response = retry.get(() -> client.resolve(chunk), ResolutionResponse.class);
            } catch (Exception e) {
                throw new PolicyServiceException(describe(e), e);
            }
            response.resolutions().forEach(r -> resolved.put(r.volumeId(), r));
        }
        return resolved;
    }

    private static String describe(Exception e) {
        if (e instanceof WebApplicationException web && web.getResponse() != null) {
            return "policy-service answered HTTP " + web.getResponse().getStatus() + " to the resolution request";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "policy-service unreachable: " + (root.getMessage() == null ? "no answer" : root.getMessage());
    }
}
