package dev.snapshotmanager.run.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeRef;
import dev.snapshotmanager.events.VolumeResultV1;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunRulesTest {

    static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    static Run requested() {
        Run run = new Run();
        set(run, "id", UUID.randomUUID());
        set(run, "status", RunStatus.REQUESTED);
        set(run, "requestedAt", T0);
        run.lastActivityAt = T0;
        return run;
    }

    static void set(Run run, String field, Object value) {
        try {
            Field f = Run.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(run, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static RunPlannedV1 plan(Run run, int total, int batches) {
        return new RunPlannedV1(run.id(), null, T0, false, total, total, 0, 0, batches, 1, T0);
    }

    static VolumeResultV1 result(Run run, String volume, VolumeAction action) {
        return new VolumeResultV1(UUID.randomUUID().toString(), run.id(), T0, action, null,
                action == VolumeAction.FAILED ? "boom" : null, null, new VolumeRef(volume, volume, 1, null, null, false),
                null, null, null, T0, null, 1, false);
    }

    static Run runWith(int total, VolumeAction... outcomes) {
        Run run = requested();
        RunRules.planned(run, plan(run, total, 1), T0.plusSeconds(1));
        int i = 0;
        for (VolumeAction action : outcomes) {
            RunRules.result(run, result(run, "v" + i++, action), T0.plusSeconds(10 + i));
        }
        return run;
    }

    @Test
    void completesWhenEveryVolumeSucceededOrWasSkipped() {
        Run run = runWith(3, VolumeAction.CREATED, VolumeAction.CREATED, VolumeAction.SKIPPED);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.created()).isEqualTo(2);
        assertThat(RunRules.progressPercent(run)).isEqualTo(100);
        assertThat(run.batchesCompleted()).isEqualTo(1);
    }

    @Test
    void aLaterOutcomeReplacesTheVolumesEarlierOneAndTheVolumeCountsOnce() {
        Run run = runWith(2, VolumeAction.FAILED);
        RunRules.result(run, result(run, "v0", VolumeAction.CREATED), Optional.of(VolumeAction.FAILED),
                T0.plusSeconds(20));
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.created()).isEqualTo(1);
        assertThat(run.failed()).isZero();
        assertThat(run.volumesDone()).isEqualTo(1);
        RunRules.superseded(run, T0.plusSeconds(25));
        assertThat(run.created()).isEqualTo(1);
        assertThat(run.volumesDone()).isEqualTo(1);
        RunRules.result(run, result(run, "v1", VolumeAction.CREATED), T0.plusSeconds(30));
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.created()).isEqualTo(2);
    }

    @Test
    void isPartialWhenSomeVolumesFailed() {
        assertThat(runWith(2, VolumeAction.CREATED, VolumeAction.FAILED).status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(runWith(2, VolumeAction.CREATED, VolumeAction.QUOTA_BLOCKED).status()).isEqualTo(RunStatus.PARTIAL);
    }

    @Test
    void failsWhenNoVolumeSucceeded() {
        Run run = runWith(2, VolumeAction.FAILED, VolumeAction.QUOTA_BLOCKED);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.errorSummary()).contains("v0: boom");
    }

    @Test
    void isSkippedWhenNothingWasPlannedOrEverythingSkipped() {
        assertThat(runWith(0).status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(runWith(2, VolumeAction.SKIPPED, VolumeAction.SKIPPED).status()).isEqualTo(RunStatus.SKIPPED);
    }

    @Test
    void dryRunOutcomesCountAsCreatedAndDeleted() {
        Run run = runWith(1, VolumeAction.WOULD_DELETE, VolumeAction.WOULD_CREATE);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.created()).isEqualTo(1);
        assertThat(run.deleted()).isEqualTo(1);
    }

    @Test
    void retentionResultsDoNotFinishTheRun() {
        Run run = runWith(2, VolumeAction.CREATED, VolumeAction.DELETED, VolumeAction.DELETE_FAILED);
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(RunRules.progressPercent(run)).isEqualTo(50);
    }

    @Test
    void resultsBeforeThePlanMoveTheRunToPlanningAndCountOnce() {
        Run run = requested();
        RunRules.result(run, result(run, "a", VolumeAction.SKIPPED), T0.plusSeconds(1));
        assertThat(run.status()).isEqualTo(RunStatus.PLANNING);
        RunRules.planned(run, plan(run, 2, 1), T0.plusSeconds(2));
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        RunRules.result(run, result(run, "b", VolumeAction.CREATED), T0.plusSeconds(3));
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aPlanArrivingAfterEveryResultStillGivesTheRunItsRealDuration() {
        Run run = requested();
        RunRules.result(run, result(run, "a", VolumeAction.CREATED), T0.plusSeconds(4));
        RunRules.planned(run, plan(run, 1, 1), T0.plusSeconds(9));
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.startedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(RunRules.duration(run)).contains(Duration.ofSeconds(5));
    }

    @Test
    void estimatesTheFinishFromThePaceSoFar() {
        Run run = requested();
        RunRules.planned(run, plan(run, 4, 2), T0);
        RunRules.result(run, result(run, "a", VolumeAction.CREATED), T0.plusSeconds(10));
        assertThat(RunRules.eta(run, T0.plusSeconds(10))).contains(T0.plusSeconds(40));
        assertThat(run.batchesCompleted()).isEqualTo(0);
        RunRules.result(run, result(run, "b", VolumeAction.CREATED), T0.plusSeconds(20));
        assertThat(run.batchesCompleted()).isEqualTo(1);
    }

    @Test
    void cancelledRunKeepsCountingButNeverChangesStatus() {
        Run run = requested();
        RunRules.planned(run, plan(run, 1, 1), T0);
        RunRules.cancel(run, T0.plusSeconds(5), "stop");
        RunRules.result(run, result(run, "a", VolumeAction.CREATED), T0.plusSeconds(6));
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.created()).isEqualTo(1);
        assertThat(RunRules.duration(run)).contains(Duration.ofSeconds(5));
    }

    @Test
    void lastSignOfLifeIsTheLaterOfActivityAndHeartbeat() {
        Run run = requested();
        assertThat(run.lastSignOfLifeAt()).isEqualTo(T0);
        set(run, "lastHeartbeatAt", T0.plusSeconds(30));
        assertThat(run.lastSignOfLifeAt()).isEqualTo(T0.plusSeconds(30));
        run.lastActivityAt = T0.plusSeconds(60);
        assertThat(run.lastSignOfLifeAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aFirstHeartbeatStartsPlanningOnlyOnARequestedRun() {
        Run run = requested();
        assertThat(RunRules.planningStarted(run, T0.plusSeconds(2))).isTrue();
        assertThat(run.status()).isEqualTo(RunStatus.PLANNING);
        assertThat(run.startedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(RunRules.planningStarted(run, T0.plusSeconds(3))).isFalse();
        assertThat(run.startedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(RunRules.planningStarted(runWith(2), T0)).isFalse();
    }

    @Test
    void planningFailedFailsTheRunWithTheErrorInTheSummary() {
        Run run = requested();
        RunRules.planningFailed(run, T0.plusSeconds(5), "worker-1", "Keystone unreachable");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.statusReason()).isEqualTo("PLANNING_FAILED: planning failed on worker worker-1");
        assertThat(run.errorSummary()).isEqualTo("planning failed: Keystone unreachable");
        assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void onlyUnplannedRunsAreRedrivenAndEachRedriveCountsAnAttempt() {
        Run run = requested();
        set(run, "attempt", 1);
        RunRules.planningStarted(run, T0);
        assertThat(RunRules.redrivable(run)).isTrue();
        RunRules.redrive(run, T0.plus(Duration.ofMinutes(31)), "REDRIVEN: attempt 2 of 2");
        assertThat(run.status()).isEqualTo(RunStatus.REQUESTED);
        assertThat(run.attempt()).isEqualTo(2);
        assertThat(run.lastActivityAt()).isEqualTo(T0.plus(Duration.ofMinutes(31)));
        assertThat(run.statusReason()).isEqualTo("REDRIVEN: attempt 2 of 2");

        Run running = runWith(2);
        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(RunRules.redrivable(running)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunRules.redrive(running, T0, "x"))
                .isInstanceOf(IllegalStateException.class);
    }
}
