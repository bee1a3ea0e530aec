package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.worker.client.PolicyResolutionClient;
import dev.snapshotmanager.worker.client.ResolutionRequest;
import dev.snapshotmanager.worker.client.ResolutionResponse;
import dev.snapshotmanager.worker.config.WorkerConfig;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks policy-service which policies apply to volumes, in chunks, retried with backoff. */
@ApplicationScoped
public class PolicyResolution {

    private final PolicyResolutionClient client;
    private final int chunkSize;
    private final Guard retry = Guard.create().withRetry().maxRetries(3).delay(500, ChronoUnit.MILLIS)
            .jitter(200, ChronoUnit.MILLIS).withExponentialBackoff().factor(2).done().done().build();

    public PolicyResolution(@RestClient PolicyResolutionClient client, WorkerConfig config) {
        this.client = client;
        this.chunkSize = Math.max(1, config.resolutionChunkSize());
    }

    /** Volume id to its resolution; volumes policy-service did not answer for are absent. */
    public Map<String, ResolutionResponse.VolumeResolution> resolve(List<ResolutionRequest.VolumeDescription> volumes) {
        Map<String, ResolutionResponse.VolumeResolution> resolved = new HashMap<>();
        for (int from = 0; from < volumes.size(); from += chunkSize) {
            ResolutionRequest chunk = new ResolutionRequest(volumes.subList(from, Math.min(volumes.size(),
                    from + chunkSize)));
            ResolutionResponse response = retry.get(() -> client.resolve(chunk), ResolutionResponse.class);
            response.resolutions().forEach(r -> resolved.put(r.volumeId(), r));
        }
        return resolved;
    }
}
