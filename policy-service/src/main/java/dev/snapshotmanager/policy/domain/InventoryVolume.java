package dev.snapshotmanager.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A volume as the worker's inventory sync last reported it (projection of VolumeInventoryV1). */
@Entity
@Table(name = "inventory_volume")
public class InventoryVolume {

    @Id
    @Column(name = "volume_id")
    public String volumeId;
    public String name;
    public String status;
    @Column(name = "size_gb")
    public int sizeGb;
    @Column(name = "volume_type")
    public String volumeType;
    public boolean bootable;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> metadata = new LinkedHashMap<>();
    @Column(name = "domain_id")
    public String domainId;
    @Column(name = "domain_name")
    public String domainName;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "project_name")
    public String projectName;
    @Column(name = "server_id")
    public String serverId;
    @Column(name = "server_name")
    public String serverName;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attached_server_ids")
    public List<String> attachedServerIds = new ArrayList<>();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "observed_at")
    public Instant observedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
