package dev.snapshotmanager.policy.domain;

import dev.snapshotmanager.events.PolicyScope;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A named group of policies with a scope (GLOBAL or one tenant), a priority and whether it applies by default. */
@Entity
@Table(name = "policy_set")
public class PolicySet {

    @Id
    public UUID id;
    public String name;
    public String description;
    @Enumerated(EnumType.STRING)
    public PolicyScope scope;
    @Column(name = "tenant_id")
    public String tenantId;
    public int priority;
    public boolean active;
    @Column(name = "auto_apply")
    public boolean autoApply;
    @OneToMany(mappedBy = "policySet", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Policy> policies = new ArrayList<>();
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

    public Optional<Policy> policy(String policyName) {
        return policies.stream().filter(p -> p.name.equals(policyName)).findFirst();
    }
}
