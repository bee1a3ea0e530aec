package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.audit.config.AuditConfig;
import dev.snapshotmanager.audit.domain.ComplianceEntry;
import dev.snapshotmanager.audit.domain.ComplianceStatus;
import dev.snapshotmanager.audit.repository.ComplianceReader;
import dev.snapshotmanager.audit.repository.ComplianceReader.VolumeRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The compliance gauge for monitoring: {@code snapshot_compliance_volumes{tenant, status}}, the number of
 * volume/policy pairs of each tenant (project id) in each status, every status present (zeros included). Computed
 * from the projections (never the records table) every {@code audit.compliance.metrics-interval}; every replica
 * exports the same values, so dashboards and alerts aggregate with {@code max}, not {@code sum}.
 */
@ApplicationScoped
public class ComplianceMetrics {

    private static final Logger LOG = Logger.getLogger(ComplianceMetrics.class);

    @Inject
    ComplianceReader reader;

    @Inject
    AuditConfig config;

    Clock clock = Clock.systemUTC();

    private final MultiGauge gauge;

    @Inject
    public ComplianceMetrics(MeterRegistry registry) {
        gauge = MultiGauge.builder("snapshot.compliance.volumes")
                .description("Volume/policy pairs per tenant and compliance status").register(registry);
    }

    @Scheduled(every = "${audit.compliance.metrics-interval}", delayed = "${audit.compliance.metrics-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not refresh the compliance gauge; it keeps its previous values");
        }
    }

    /**
     * Evaluates the compliance of every volume and publishes the counts.
     *
     * @return the counts per tenant and status that the gauge now shows
     */
    public synchronized Map<String, Map<ComplianceStatus, Long>> refresh() {
        List<VolumeRow> volumes = reader.volumes(Optional.empty());
        Map<String, List<ComplianceReader.StateRow>> states = reader.states(Optional.empty());
        ComplianceEvaluator evaluator = new ComplianceEvaluator(reader.policies(), Instant.now(clock),
                config.compliance().grace());
        Map<String, Map<ComplianceStatus, Long>> counts = new TreeMap<>();
        for (VolumeRow volume : volumes) {
            Map<ComplianceStatus, Long> tenant = counts.computeIfAbsent(volume.projectId(), k -> zeros());
            for (ComplianceEntry entry : evaluator.evaluate(volume, states.getOrDefault(volume.volumeId(), List.of()))) {
                tenant.merge(entry.status(), 1L, Long::sum);
            }
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((tenant, byStatus) -> byStatus.forEach((status, count) ->
                rows.add(MultiGauge.Row.of(Tags.of("tenant", tenant, "status", status.name()), count))));
        gauge.register(rows, true);
        return counts;
    }

    private static Map<ComplianceStatus, Long> zeros() {
        Map<ComplianceStatus, Long> zeros = new EnumMap<>(ComplianceStatus.class);
        for (ComplianceStatus status : ComplianceStatus.values()) {
            zeros.put(status, 0L);
        }
        return zeros;
    }
}
