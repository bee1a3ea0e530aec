package dev.snapshotmanager.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The volume an assignment or exclusion is about, with its tenant and VM: ids are keys, names are copies. */
@Embeddable
public class VolumeContext {

    @Column(name = "volume_id")
    public String volumeId;
    @Column(name = "volume_name")
    public String volumeName;
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
}
