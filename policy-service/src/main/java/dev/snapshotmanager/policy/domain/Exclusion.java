package dev.snapshotmanager.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** Keeps one volume out of every policy, with a reason, until it expires (never, when no expiry is set). */
@Entity
@Table(name = "exclusion")
public class Exclusion {

    @Id
    public UUID id;
    @Embedded
    public VolumeContext volume = new VolumeContext();
    public String reason;
    @Column(name = "expires_at")
    public Instant expiresAt;
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

    public boolean activeAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
