package dev.snapshotmanager.emulator.state;

import java.util.Comparator;

/** Position of a resource in Cinder's default order: created_at desc, id desc. */
public record SortKey(long createdAt, String id) {

    public static final Comparator<SortKey> NEWEST_FIRST = Comparator.comparingLong(SortKey::createdAt).reversed()
            .thenComparing(SortKey::id, Comparator.reverseOrder());
}
