package dev.snapshotmanager.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.worker.client.QuotaUsage;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class QuotaFitTest {

    record Vol(String id, int size) {
    }

    private static QuotaFit.Result<Vol> fit(List<Vol> volumes, int snapshots, int snapshotsUsed, int gigabytes,
                                           int gigabytesUsed) {
        return QuotaFit.fit(volumes, new QuotaUsage("p", new QuotaUsage.Limit(snapshots, snapshotsUsed, 0),
                new QuotaUsage.Limit(gigabytes, gigabytesUsed, 0)), Vol::size, Vol::id);
    }

    @Test
    void theSmallestVolumesFillTheSnapshotRoomFirst() {
        var result = fit(List.of(new Vol("big", 50), new Vol("small", 1), new Vol("mid", 10)), 10, 8, -1, 0);

        assertThat(result.fits()).extracting(Vol::id).containsExactly("small", "mid");
        assertThat(result.blocked()).containsExactlyEntriesOf(
                java.util.Map.of(new Vol("big", 50), ReasonCodes.QUOTA_SNAPSHOTS));
    }

    @Test
    void blocksWhatExceedsTheGigabytesLeftAndNamesThatQuota() {
        var result = fit(List.of(new Vol("a", 40), new Vol("b", 30), new Vol("c", 20)), -1, 0, 100, 40);

        assertThat(result.fits()).extracting(Vol::id).containsExactly("c", "b");
        assertThat(result.blocked()).containsEntry(new Vol("a", 40), ReasonCodes.QUOTA_GIGABYTES);
    }

    @Test
    void countsReservedUsageAsUsed() {
        var result = QuotaFit.fit(List.of(new Vol("a", 1)), new QuotaUsage("p", new QuotaUsage.Limit(2, 1, 1),
                new QuotaUsage.Limit(-1, 0, 0)), Vol::size, Vol::id);

        assertThat(result.fits()).isEmpty();
    }

    @Test
    void unlimitedQuotasBlockNothing() {
        List<Vol> many = java.util.stream.IntStream.range(0, 100).mapToObj(i -> new Vol("v" + i, 100)).toList();

        assertThat(fit(many, -1, 5, -1, 5000).fits()).hasSize(100);
    }

    @Test
    void breaksSizeTiesById() {
        var result = fit(List.of(new Vol("b", 1), new Vol("a", 1)), 1, 0, -1, 0);

        assertThat(result.fits()).extracting(Function.identity()).containsExactly(new Vol("a", 1));
    }
}
