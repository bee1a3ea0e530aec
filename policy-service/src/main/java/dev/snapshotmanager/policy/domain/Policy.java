package dev.snapshotmanager.policy.domain;

import dev.snapshotmanager.events.MissedRunMode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;

/** A named schedule (5-field cron in an IANA zone) plus a retention, inside a {@link PolicySet}. */
@Entity
@Table(name = "policy")
public class Policy {

    @Id
    public UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "policy_set_id")
    public PolicySet policySet;
    public int position;
    public String name;
    public String description;
    public String cron;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "keep_last")
    public Integer keepLast;
    @Column(name = "max_age")
    public String maxAge;
    @Enumerated(EnumType.STRING)
    @Column(name = "missed_run_mode")
    public MissedRunMode missedRunMode;
    public boolean enabled;
}
