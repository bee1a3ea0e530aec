package dev.snapshotmanager.worker.domain;

import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.worker.client.QuotaUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The quota pre-check of one project (DOMAIN.md): the smallest volumes fill the room first (snapshot count and
 * gigabytes); the rest are blocked with the quota that blocked them.
 */
public final class QuotaFit {

    /** What fits and what is blocked (volume to {@link ReasonCodes#QUOTA_SNAPSHOTS} or {@code QUOTA_GIGABYTES}). */
    public record Result<V>(List<V> fits, Map<V, String> blocked) {
    }

    private QuotaFit() {
    }

    public static <V> Result<V> fit(List<V> volumes, QuotaUsage quota, ToIntFunction<V> sizeGb, Function<V, String> id) {
        List<V> bySize = new ArrayList<>(volumes);
        bySize.sort(Comparator.comparingInt(sizeGb).thenComparing(id));
        long snapshots = quota.snapshots().room();
        long gigabytes = quota.gigabytes().room();
        List<V> fits = new ArrayList<>();
        Map<V, String> blocked = new LinkedHashMap<>();
        for (V volume : bySize) {
            int size = sizeGb.applyAsInt(volume);
            if (snapshots < 1) {
                blocked.put(volume, ReasonCodes.QUOTA_SNAPSHOTS);
            } else if (gigabytes < size) {
                blocked.put(volume, ReasonCodes.QUOTA_GIGABYTES);
            } else {
                fits.add(volume);
                snapshots--;
                gigabytes -= size;
            }
        }
        return new Result<>(fits, blocked);
    }
}
