package dev.snapshotmanager.run.api;

import dev.snapshotmanager.events.RunScope;
import dev.snapshotmanager.events.RunTrigger;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to run a policy now.
 *
 * @param dryRun  required: true plans and reports only (operator), false creates and deletes snapshots (admin)
 * @param scope   optional restriction to domains, projects or explicit volumes (validated: no null or blank id, at
 *                most {@value #MAX_IDS} ids per list, each at most {@value #MAX_ID_LENGTH} characters)
 * @param trigger MANUAL (a person, through the UI) or API (another tool; the default)
 */
@Schema(name = "RunRequest")
public record RunRequest(
        @NotNull @Valid PolicyKey policy,
        @NotNull Boolean dryRun,
        @Valid Scope scope,
        @Size(max = 1000) String reason,
        RunTrigger trigger) {

    /** Most ids one list of a scope may name. */
    public static final int MAX_IDS = 1000;
    /** Longest id a scope may name (OpenStack ids are 32 to 64 characters). */
    public static final int MAX_ID_LENGTH = 255;

    /** The scope as the run and its events carry it; {@code null} when the request has none. */
    public RunScope runScope() {
        return scope == null ? null : new RunScope(scope.domainIds(), scope.projectIds(), scope.volumeIds());
    }

    /**
     * Restricts a run to some domains, projects or volumes. A missing or empty list means no restriction on that
     * dimension; the given dimensions all apply.
     */
    @Schema(name = "RunRequestScope")
    public record Scope(
            @Size(max = MAX_IDS) List<@NotBlank @Size(max = MAX_ID_LENGTH) String> domainIds,
            @Size(max = MAX_IDS) List<@NotBlank @Size(max = MAX_ID_LENGTH) String> projectIds,
            @Size(max = MAX_IDS) List<@NotBlank @Size(max = MAX_ID_LENGTH) String> volumeIds) {
    }

    /** A policy: its set's id and its name within the set. */
    @Schema(name = "PolicyKey")
    public record PolicyKey(@NotNull UUID policySetId, @NotBlank @Size(max = 200) String policyName) {
    }
}
