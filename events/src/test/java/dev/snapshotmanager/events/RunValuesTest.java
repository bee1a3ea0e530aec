package dev.snapshotmanager.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunValuesTest {

    @Test
    void onlyFinishedStatusesAreTerminal() {
        assertThat(Arrays.stream(RunStatus.values()).filter(RunStatus::isTerminal)).containsExactlyInAnyOrder(
                RunStatus.COMPLETED, RunStatus.PARTIAL, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.SKIPPED,
                RunStatus.MISSED);
    }

    @Test
    void scopeWithoutListsIsUnrestricted() {
        assertThat(new RunScope(null, null, null).isUnrestricted()).isTrue();
        assertThat(new RunScope(List.of(), List.of(), List.of()).isUnrestricted()).isTrue();
    }

    @Test
    void scopeWithAnyListIsRestricted() {
        assertThat(new RunScope(List.of("default"), null, null).isUnrestricted()).isFalse();
        assertThat(new RunScope(null, List.of("p1"), null).isUnrestricted()).isFalse();
        assertThat(new RunScope(null, null, List.of("v1")).isUnrestricted()).isFalse();
    }
}
