package dev.snapshotmanager.policy.domain;

import dev.snapshotmanager.events.Retention;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An explicit assignment of one volume: a policy set (all its policies, or the named ones), per-policy retention
 * overrides, or {@code autoSnapshot=false} (no policies at all).
 */
@Entity
@Table(name = "assignment")
public class Assignment {

    @Id
    public UUID id;
    @Embedded
    public VolumeContext volume = new VolumeContext();
    @Column(name = "policy_set_id")
    public UUID policySetId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "policy_names")
    public List<String> policyNames = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "retention_overrides")
    public Map<String, Retention> retentionOverrides = new LinkedHashMap<>();
    @Column(name = "auto_snapshot")
    public boolean autoSnapshot;
    @Enumerated(EnumType.STRING)
    public AssignmentSource source;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
