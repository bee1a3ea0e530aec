package dev.snapshotmanager.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** policy-service limits ({@code snapshot.policy.*}). */
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
}
