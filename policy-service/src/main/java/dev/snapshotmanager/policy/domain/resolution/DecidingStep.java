package dev.snapshotmanager.policy.domain.resolution;

/** Which step of DOMAIN.md's resolution order decided a volume's policies. */
public enum DecidingStep {
    /** 1. An active exclusion: no policy. */
    EXCLUSION,
    /** 2. An explicit assignment (none when it says autoSnapshot=false). */
    ASSIGNMENT,
    /** 3. Cinder metadata (auto_snapshot / snapshot_policies, or an explicit falsy auto_snapshot). */
    METADATA,
    /** 4. The first matching assignment rule. */
    RULE,
    /** 5a. The highest-priority active autoApply set of the volume's tenant. */
    TENANT_SET,
    /** 5b. The highest-priority active autoApply GLOBAL set. */
    GLOBAL_SET,
    /** 6. Nothing applies. */
    UNCOVERED
}
