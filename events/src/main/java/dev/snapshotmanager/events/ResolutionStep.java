package dev.snapshotmanager.events;

/** Which step of DOMAIN.md's resolution order decided a volume's policies ("Which policies apply"). */
public enum ResolutionStep {
    /** 1. An active exclusion: no policy. */
    EXCLUSION,
    /** 2. An explicit assignment (no policy when it says autoSnapshot=false). */
    ASSIGNMENT,
    /** 3. Cinder metadata (snapshot_policies, or an explicit opt-out). */
    METADATA,
    /** 4. The first matching assignment rule (no policy when the rule opts out). */
    RULE,
    /** 5a. The highest-priority active auto-apply set of the volume's tenant. */
    TENANT_SET,
    /** 5b. The highest-priority active auto-apply GLOBAL set. */
    GLOBAL_SET,
    /** 6. Nothing applies: the volume is uncovered. */
    UNCOVERED;

    /** A step that gave no policy on purpose (exclusion or opt-out), as opposed to {@link #UNCOVERED}. */
    public boolean optsOut() {
        return this != UNCOVERED;
    }
}
