package dev.snapshotmanager.events;

import java.util.Objects;

/**
 * The key rule of the compacted topics ({@link Topics#POLICY_CHANGED}, {@link Topics#VOLUME_INVENTORY},
 * {@link Topics#VOLUME_POLICIES}): the key is the id of what the value describes, as that id's text
 * ({@code UUID.toString()} for a policy set). Compaction keeps the latest value per key and a tombstone deletes by
 * key, so a value filed under another key than its own id would be applied under one id and compacted or deleted under
 * the other: its tombstone would never reach it, and a consumer reading the topic from the beginning could see a
 * state the producer has since replaced. Consumers refuse such a value as poison.
 */
public final class CompactedKeys {

    private CompactedKeys() {
    }

    /** Refuses (as poison) a value whose own id is {@code id} filed under another {@code key} on {@code topic}. */
    public static void require(String topic, String key, Object id) {
        String misfiled = mismatch(topic, key, id);
        if (misfiled != null) {
            throw new IllegalArgumentException(misfiled);
        }
    }

    /**
     * Why a value whose own id is {@code id} cannot be filed under {@code key} on {@code topic}, or {@code null}
     * when it can (the key is exactly the id's text).
     */
    public static String mismatch(String topic, String key, Object id) {
        String expected = id == null ? null : id.toString();
        if (expected != null && Objects.equals(key, expected)) {
            return null;
        }
        return "a value on the compacted topic " + topic + " must be keyed by its own id: key "
                + (key == null ? "(none)" : "'" + key + "'") + ", id " + (expected == null ? "(none)" : "'" + expected + "'");
    }
}
