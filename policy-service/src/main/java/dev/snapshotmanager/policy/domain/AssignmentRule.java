package dev.snapshotmanager.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An assignment rule: when a volume matches, the rule's policy set applies (or, with {@code autoSnapshot=false},
 * nothing). Rules are tried highest priority first; the first match decides. No tenant = a GLOBAL rule.
 */
@Entity
@Table(name = "assignment_rule")
public class AssignmentRule {

    @Id
    public UUID id;
    public String name;
    public String description;
    @Column(name = "tenant_id")
    public String tenantId;
    public int priority;
    public boolean enabled;
    @JdbcTypeCode(SqlTypes.JSON)
    public RuleMatch match = RuleMatch.ANY;
    @Column(name = "policy_set_id")
    public UUID policySetId;
    @Column(name = "auto_snapshot")
    public boolean autoSnapshot;
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
