package dev.snapshotmanager.run.domain;

import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.RunTrigger;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * One run of one policy at one slot: status, counters and timings. Runs are inserted by {@link RunRow} (plain SQL,
 * so that the unique indexes decide conflicts without aborting the transaction); this entity reads and changes them.
 */
@Entity
@Table(name = "run")
public class Run {

    @Id
    @Column(name = "id")
    private UUID id;
    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    private RunStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "trigger")
    private RunTrigger trigger;
    @Column(name = "policy_set_id")
    private UUID policySetId;
    @Column(name = "policy_set_name")
    private String policySetName;
    @Column(name = "policy_name")
    private String policyName;
    @Column(name = "slot")
    private Instant slot;
    @Column(name = "dry_run")
    private boolean dryRun;
    @Column(name = "scope")
    private String scope;
    @Column(name = "all_tenants")
    private boolean allTenants;
    @Column(name = "planned")
    boolean planned;
    @Column(name = "total_volumes")
    int totalVolumes;
    @Column(name = "to_create")
    int toCreate;
    @Column(name = "volumes_done")
    int volumesDone;
    @Column(name = "created")
    int created;
    @Column(name = "deleted")
    int deleted;
    @Column(name = "failed")
    int failed;
    @Column(name = "create_failed")
    int createFailed;
    @Column(name = "skipped")
    int skipped;
    @Column(name = "quota_blocked")
    int quotaBlocked;
    @Column(name = "batches_total")
    int batchesTotal;
    @Column(name = "batches_completed")
    int batchesCompleted;
    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "request_reason")
    private String requestReason;
    @Column(name = "status_reason")
    String statusReason;
    @Column(name = "error_summary")
    String errorSummary;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "finished_at")
    Instant finishedAt;
    @Column(name = "last_activity_at")
    Instant lastActivityAt;
    @Column(name = "last_progress_event_at")
    private Instant lastProgressEventAt;
    /** Written only by {@code RunRepository.recordHeartbeat} (a monotonic SQL update), never by this entity. */
    @Column(name = "last_heartbeat_at", insertable = false, updatable = false)
    private Instant lastHeartbeatAt;
    @Column(name = "last_heartbeat_worker", insertable = false, updatable = false)
    private String lastHeartbeatWorker;
    @Column(name = "attempt")
    int attempt;
    /** KEPT, PRUNING or PRUNED; written only by {@code VolumeOutcomes}' pruning (plain SQL), never by this entity. */
    @Column(name = "volume_outcomes", insertable = false, updatable = false)
    private String volumeOutcomes;
    @Version
    @Column(name = "version")
    private long version;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "run_tenant", joinColumns = @JoinColumn(name = "run_id"))
    @Column(name = "tenant_id")
    private Set<String> tenants = new LinkedHashSet<>();

    protected Run() {
    }

    public UUID id() { return id; }
    public RunStatus status() { return status; }
    public RunTrigger trigger() { return trigger; }
    public UUID policySetId() { return policySetId; }
    public String policySetName() { return policySetName; }
    public String policyName() { return policyName; }
    public Instant slot() { return slot; }
    public boolean dryRun() { return dryRun; }
    public String scopeJson() { return scope; }
    public boolean allTenants() { return allTenants; }
    public Set<String> tenants() { return Set.copyOf(tenants); }
    public boolean planned() { return planned; }
    public int totalVolumes() { return totalVolumes; }
    public int toCreate() { return toCreate; }
    public int volumesDone() { return volumesDone; }
    public int created() { return created; }
    public int deleted() { return deleted; }
    public int failed() { return failed; }
    public int skipped() { return skipped; }
    public int quotaBlocked() { return quotaBlocked; }
    public int batchesTotal() { return batchesTotal; }
    public int batchesCompleted() { return batchesCompleted; }
    public String requestedBy() { return requestedBy; }
    public String requestReason() { return requestReason; }
    public String statusReason() { return statusReason; }
    public String errorSummary() { return errorSummary; }
    public Instant requestedAt() { return requestedAt; }
    public Instant startedAt() { return startedAt; }
    public Instant finishedAt() { return finishedAt; }
    public Instant lastActivityAt() { return lastActivityAt; }
    public Instant lastProgressEventAt() { return lastProgressEventAt; }
    public int attempt() { return attempt; }
    public Instant lastHeartbeatAt() { return lastHeartbeatAt; }
    public String lastHeartbeatWorker() { return lastHeartbeatWorker; }

    /** The later of the last planning/result and the last worker heartbeat: what stale-run detection looks at. */
    public Instant lastSignOfLifeAt() {
        return lastHeartbeatAt != null && lastHeartbeatAt.isAfter(lastActivityAt) ? lastHeartbeatAt : lastActivityAt;
    }

    /**
     * Whether the run's volume outcomes ({@code run_volume_outcome}) are still kept: false once pruning began, some
     * time after the run finished ({@code snapshot.runs.outcome-retention}).
     */
    public boolean volumeOutcomesKept() {
        return "KEPT".equals(volumeOutcomes);
    }

    public boolean isActive() {
        return !status.isTerminal();
    }

    /** Whether a caller limited to {@code callerTenants} may see this run (its scope touches one of them). */
    public boolean touchesAny(Set<String> callerTenants) {
        return allTenants || tenants.stream().anyMatch(callerTenants::contains);
    }

    /**
     * Whether a caller limited to {@code callerTenants} may change this run (cancel it): only a run that touches
     * nothing but its tenants. An all-tenants run (or one without any tenant) is visible to it, but read-only.
     */
    public boolean touchesOnly(Set<String> callerTenants) {
        return !allTenants && !tenants.isEmpty() && callerTenants.containsAll(tenants);
    }

    void setStatus(RunStatus status) {
        this.status = status;
    }

    /** Remembers that a PROGRESS event was published now (throttling). */
    public void progressEventPublished(Instant now) {
        this.lastProgressEventAt = now;
    }
}
