package dev.snapshotmanager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CompactedKeysTest {

    private static final UUID SET = UUID.fromString("6f1c2a34-0000-4000-8000-00000000c0de");

    @Test
    void aValueKeyedByItsOwnIdIsFiled() {
        assertThat(CompactedKeys.mismatch(Topics.POLICY_CHANGED, SET.toString(), SET)).isNull();
        assertThat(CompactedKeys.mismatch(Topics.VOLUME_INVENTORY, "vol-1", "vol-1")).isNull();
    }

    @Test
    void aValueUnderAnotherKeyIsRefusedNamingBoth() {
        assertThat(CompactedKeys.mismatch(Topics.VOLUME_POLICIES, "vol-1", "vol-2"))
                .contains(Topics.VOLUME_POLICIES, "'vol-1'", "'vol-2'");
    }

    @Test
    void theKeyMustBeTheIdsOwnTextNotAnotherSpellingOfIt() {
        // the same UUID in capitals is another key to compaction: its tombstone would not replace the lower-case one
        assertThat(CompactedKeys.mismatch(Topics.POLICY_CHANGED, SET.toString().toUpperCase(), SET)).isNotNull();
        assertThat(CompactedKeys.mismatch(Topics.VOLUME_INVENTORY, " vol-1", "vol-1")).isNotNull();
    }

    @Test
    void aMissingKeyOrIdIsRefused() {
        assertThat(CompactedKeys.mismatch(Topics.VOLUME_INVENTORY, null, "vol-1")).contains("key (none)");
        assertThat(CompactedKeys.mismatch(Topics.VOLUME_INVENTORY, "vol-1", null)).contains("id (none)");
        assertThat(CompactedKeys.mismatch(Topics.VOLUME_INVENTORY, null, null)).isNotNull();
    }

    @Test
    void requireRefusesWhatMismatchDescribes() {
        assertThatCode(() -> CompactedKeys.require(Topics.VOLUME_INVENTORY, "vol-1", "vol-1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> CompactedKeys.require(Topics.VOLUME_INVENTORY, "vol-1", "vol-2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(CompactedKeys.mismatch(Topics.VOLUME_INVENTORY, "vol-1", "vol-2"));
    }
}
