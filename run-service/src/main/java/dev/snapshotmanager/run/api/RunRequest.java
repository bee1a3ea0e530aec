package dev.snapshotmanager.run.api;

import dev.snapshotmanager.events.RunScope;
import dev.snapshotmanager.events.RunTrigger;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to run a policy now.
 *
 * @param dryRun  required: true plans and reports only (operator), false creates and deletes snapshots (admin)
 * @param scope   optional restriction to domains, projects or explicit volumes
 * @param trigger MANUAL (a person, through the UI) or API (another tool; the default)
 */
@Schema(name = "RunRequest")
public record RunRequest(
        @NotNull @Valid PolicyKey policy,
        @NotNull Boolean dryRun,
        RunScope scope,
        @Size(max = 1000) String reason,
        RunTrigger trigger) {

    /** A policy: its set's id and its name within the set. */
    @Schema(name = "PolicyKey")
    public record PolicyKey(@NotNull UUID policySetId, @NotBlank @Size(max = 200) String policyName) {
    }
}
