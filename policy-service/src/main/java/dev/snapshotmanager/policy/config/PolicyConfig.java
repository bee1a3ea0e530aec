package dev.snapshotmanager.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** policy-service limits and background work ({@code snapshot.policy.*}). */
@ConfigMapping(prefix = "snapshot.policy")
public interface PolicyConfig {

    /** Most volumes one {@code POST /api/v1/resolutions} may carry. */
    @WithDefault("10000")
    int maxResolutionVolumes();

    /** Most assignments one bulk upsert may carry. */
    @WithDefault("1000")
    int maxBulkAssignments();

    /** Page size of lists when the request gives no {@code limit}. */
    @WithDefault("50")
    int defaultPageSize();

    /** Largest {@code limit} a list accepts. */
    @WithDefault("500")
    int maxPageSize();

    /** Most fire times a schedule preview returns. */
    @WithDefault("100")
    int maxPreviewCount();

    /** Publication of each volume's resolved policies ({@code snapshot.volume-policies.v1}). */
    VolumePolicies volumePolicies();

    /** The periodic pass that publishes every inventory volume's resolution when it changed. */
    interface VolumePolicies {

        /** Whether this instance runs the periodic pass (only one instance runs it at a time anyway). */
        @WithDefault("true")
        boolean enabled();

        /** Interval between passes, e.g. {@code 30s} ({@code off} disables the timer). */
        @WithDefault("30s")
        String interval();

        /**
         * How soon after a committed change of an exclusion, assignment, rule, policy set or inventory volume a pass
         * runs, e.g. {@code 2s} (changes within it make one pass); {@code off}: only the interval.
         */
        @WithDefault("2s")
        String afterChange();

        /** Delay of the first pass after start, e.g. {@code 20s}. */
        @WithDefault("20s")
        String initialDelay();

        /** Volumes resolved, and their changes committed, per database transaction. */
        @WithDefault("1000")
        int chunkSize();
    }
}
