package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.RunScope;
import dev.snapshotmanager.events.TaskVolume;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeRef;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.worker.client.CinderException;
import dev.snapshotmanager.worker.client.CloudInventory;
import dev.snapshotmanager.worker.client.CloudVolume;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.client.QuotaUsage;
import dev.snapshotmanager.worker.client.ResolutionResponse;
import dev.snapshotmanager.worker.config.WorkerConfig;
import dev.snapshotmanager.worker.domain.QuotaFit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Which volumes a run creates snapshots of, and which it reports right away: the run's scope, the volumes the policy
 * applies to (policy-service), skips of volumes whose Keystone project is disabled or unknown, status and size skips,
 * max-new, and the per-project quota pre-check with usage (smallest volumes first; a failed check lets the project
 * proceed). The projects' quotas are read in parallel, at most {@code quota-check-concurrency} at once.
 */
@ApplicationScoped
public class PlanSelection {

    private static final Logger LOG = Logger.getLogger(PlanSelection.class);

    /** The volumes to create snapshots of (project, then volume id order) and the immediate results. */
    public record Selected(List<TaskVolume> toCreate, List<VolumeResultV1> results) {
    }

    private final PolicyResolution resolution;
    private final OpenStackClient cloud;
    private final WorkerConfig config;
    /** Quota checks of different projects run at once on this bounded pool (each call passes the rate limit). */
    private final ExecutorService quotaPool;

    public PlanSelection(PolicyResolution resolution, OpenStackClient cloud, WorkerConfig config) {
        this.resolution = resolution;
        this.cloud = cloud;
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.quotaPool = Executors.newFixedThreadPool(Math.max(1, config.quotaCheckConcurrency()), r -> {
            Thread t = new Thread(r, "quota-check-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Selected select(RunRequestedV1 request, Volumes volumes) {
        RunScope scope = request.scope();
        List<VolumeResultV1> results = new ArrayList<>();
        List<CloudVolume> scoped = volumes.inventory().volumes().stream().filter(v -> inScope(scope, v, volumes))
                .sorted(Comparator.comparing(CloudVolume::projectId).thenComparing(CloudVolume::id)).toList();
        Set<String> named = scope == null || scope.volumeIds() == null ? Set.of() : Set.copyOf(scope.volumeIds());
        Set<String> found = scoped.stream().map(CloudVolume::id).collect(Collectors.toSet());
        named.stream().filter(id -> !found.contains(id)).sorted().forEach(id -> results.add(RunPlanner.result(request,
                new TaskVolume(new VolumeRef(id, null, 0, null, null, false), null, null, null, null),
                VolumeAction.SKIPPED, ReasonCodes.VOLUME_GONE, "volume " + id + " not found")));

        List<TaskVolume> candidates = new ArrayList<>();
        Map<String, ResolutionResponse.VolumeResolution> resolved = request.policy() == null ? Map.of()
                : resolution.resolve(scoped.stream().map(volumes::description).toList());
        for (CloudVolume v : scoped) {
            if (request.policy() == null) {
                candidates.add(volumes.task(v, null));
                continue;
            }
            ResolutionResponse.EffectivePolicy policy = matching(resolved.get(v.id()), request.policy());
            if (policy != null) {
                candidates.add(volumes.task(v, policy.retention()));
            } else if (named.contains(v.id())) {
                results.add(RunPlanner.result(request, volumes.task(v, null), VolumeAction.SKIPPED,
                        ReasonCodes.NOT_IN_SCOPE, "the policy does not apply to this volume"));
            }
        }

        List<TaskVolume> eligible = new ArrayList<>();
        int maxSize = config.maxSizeGb().orElse(Integer.MAX_VALUE);
        int maxNew = config.maxNew().orElse(Integer.MAX_VALUE);
        Map<String, CloudInventory.Project> projects = volumes.inventory().projects();
        java.util.Set<String> disabledDomains = volumes.inventory().disabledDomains();
        for (TaskVolume v : candidates) {
            CloudInventory.Project project = projects.get(v.tenant().projectId());
            if (project != null && !project.enabled()) {
                results.add(RunPlanner.result(request, v, VolumeAction.SKIPPED, ReasonCodes.PROJECT_DISABLED,
                        "project " + describe(project) + " is disabled in Keystone"));
            } else if (project != null && disabledDomains.contains(project.domainId())) {
                // Keystone scopes no token to a project of a disabled domain either: every create would fail.
                results.add(RunPlanner.result(request, v, VolumeAction.SKIPPED, ReasonCodes.PROJECT_DISABLED,
                        "project " + describe(project) + " is in domain " + describeDomain(project.domainId(),
                                volumes.inventory().domainNames())
                                + ", which is disabled in Keystone"));
            } else if (project == null && !projects.isEmpty()) {
                // Keystone listed projects, not this one: deleted (an orphaned volume). An empty listing decides
                // nothing (a Keystone that answered nothing must not make every volume look orphaned).
                results.add(RunPlanner.result(request, v, VolumeAction.SKIPPED, ReasonCodes.PROJECT_UNKNOWN,
                        "project " + v.tenant().projectId() + " is not known to Keystone (deleted?)"));
            } else if (RunPlanner.isSkipStatus(v.volume().status())) {
                results.add(RunPlanner.result(request, v, VolumeAction.SKIPPED, ReasonCodes.VOLUME_STATUS,
                        "volume status " + v.volume().status()));
            } else if (v.volume().sizeGb() > maxSize) {
                results.add(RunPlanner.result(request, v, VolumeAction.SKIPPED, ReasonCodes.TOO_LARGE,
                        v.volume().sizeGb() + " GB is over the maximum of " + maxSize + " GB"));
            } else if (eligible.size() >= maxNew) {
                results.add(RunPlanner.result(request, v, VolumeAction.SKIPPED, ReasonCodes.MAX_NEW_REACHED,
                        "the run reached its maximum of " + maxNew + " new snapshots"));
            } else {
                eligible.add(v);
            }
        }
        return new Selected(quotaCheck(request, eligible, results), results);
    }

    private List<TaskVolume> quotaCheck(RunRequestedV1 request, List<TaskVolume> eligible,
                                        List<VolumeResultV1> results) {
        Map<String, List<TaskVolume>> byProject = new TreeMap<>();
        eligible.forEach(v -> byProject.computeIfAbsent(v.tenant().projectId(), p -> new ArrayList<>()).add(v));
        Map<String, CompletableFuture<QuotaUsage>> quotas = new HashMap<>();
        byProject.keySet().forEach(p -> quotas.put(p, CompletableFuture.supplyAsync(() -> cloud.quotaUsage(p),
                quotaPool)));
        List<TaskVolume> fits = new ArrayList<>();
        for (Map.Entry<String, List<TaskVolume>> project : byProject.entrySet()) {
            QuotaUsage quota;
            try {
                quota = quota(quotas.get(project.getKey()));
            } catch (CinderException e) {
                LOG.warnf("Quota check of project %s failed, proceeding without it: %s", project.getKey(),
                        e.getMessage());
                fits.addAll(project.getValue());
                continue;
            }
            QuotaFit.Result<TaskVolume> fit = QuotaFit.fit(project.getValue(), quota, v -> v.volume().sizeGb(),
                    v -> v.volume().id());
            Set<TaskVolume> fitting = Set.copyOf(fit.fits());
            project.getValue().stream().filter(fitting::contains).forEach(fits::add);
            fit.blocked().forEach((v, reason) -> results.add(RunPlanner.result(request, v, VolumeAction.QUOTA_BLOCKED,
                    reason, describe(quota, reason))));
        }
        return fits;
    }

    private static QuotaUsage quota(CompletableFuture<QuotaUsage> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        quotaPool.shutdownNow();
    }

    private static String describe(CloudInventory.Project project) {
        return project.name() == null ? project.id() : project.name() + " (" + project.id() + ")";
    }

    private static String describeDomain(String domainId, Map<String, String> names) {
        String name = names.get(domainId);
        return name == null ? domainId : name + " (" + domainId + ")";
    }

    private static String describe(QuotaUsage quota, String reason) {
        QuotaUsage.Limit limit = ReasonCodes.QUOTA_GIGABYTES.equals(reason) ? quota.gigabytes() : quota.snapshots();
        String name = ReasonCodes.QUOTA_GIGABYTES.equals(reason) ? "gigabytes" : "snapshots";
        return name + " quota of project " + quota.projectId() + ": limit " + limit.limit() + ", in use "
                + limit.inUse() + ", reserved " + limit.reserved();
    }

    private static ResolutionResponse.EffectivePolicy matching(ResolutionResponse.VolumeResolution resolution,
                                                               PolicyRef policy) {
        if (resolution == null) {
            return null;
        }
        return resolution.policies().stream()
                .filter(p -> policy.policyName().equals(p.policyName()))
                .filter(p -> p.policySetId() == null || p.policySetId().equals(policy.policySetId()))
                .findFirst().orElse(null);
    }

    private static boolean inScope(RunScope scope, CloudVolume v, Volumes volumes) {
        if (scope == null) {
            return true;
        }
        return matches(scope.volumeIds(), v.id()) && matches(scope.projectIds(), v.projectId())
                && matches(scope.domainIds(), volumes.tenant(v).domainId());
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed == null || allowed.isEmpty() || allowed.contains(value);
    }
}
