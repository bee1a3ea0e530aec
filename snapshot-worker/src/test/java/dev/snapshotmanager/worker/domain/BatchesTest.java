package dev.snapshotmanager.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {

    @Test
    void neverMixesProjectsAndSplitsOnlyAProjectLargerThanTheBatchSize() {
        List<String> volumes = List.of("a1", "b1", "a2", "c1", "a3", "b2", "a4", "a5");

        List<List<String>> batches = Batches.of(volumes, v -> v.substring(0, 1), 2);

        assertThat(batches).containsExactly(List.of("a1", "a2"), List.of("a3", "a4"), List.of("a5"),
                List.of("b1", "b2"), List.of("c1"));
    }

    @Test
    void keepsASmallProjectInOneBatch() {
        assertThat(Batches.of(List.of("a1", "a2", "a3"), v -> "a", 50)).containsExactly(List.of("a1", "a2", "a3"));
    }

    @Test
    void rejectsABatchSizeBelowOne() {
        assertThatThrownBy(() -> Batches.of(List.of("a"), v -> "a", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
