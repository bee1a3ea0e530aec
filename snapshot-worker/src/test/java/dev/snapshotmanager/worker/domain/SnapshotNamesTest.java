package dev.snapshotmanager.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotNamesTest {

    private static final Instant SLOT = Instant.parse("2026-03-01T02:00:05Z");

    @Test
    void joinsProjectPolicyServerVolumeAndUtcTimestamp() {
        assertThat(SnapshotNames.of("demo", "daily_5", "web-1", "data-1", SLOT))
                .isEqualTo("auto-demo-daily_5-web-1-data-1-20260301-020005");
    }

    @Test
    void formatsTheTimestampInUtcWithSeconds() {
        assertThat(SnapshotNames.of("p", "daily", null, "v", Instant.parse("2026-12-31T23:59:59.999Z")))
                .endsWith("-20261231-235959");
    }

    @Test
    void leavesOutUnknownParts() {
        assertThat(SnapshotNames.of("demo", "daily_5", null, "data-1", SLOT))
                .isEqualTo("auto-demo-daily_5-data-1-20260301-020005");
        assertThat(SnapshotNames.of(null, "daily_5", "  ", null, SLOT)).isEqualTo("auto-daily_5-20260301-020005");
    }

    @Test
    void replacesSpacesWithUnderscores() {
        assertThat(SnapshotNames.sanitize("my data volume")).isEqualTo("my_data_volume");
    }

    @Test
    void replacesOtherCharactersOutsideTheAllowedSetWithDashes() {
        assertThat(SnapshotNames.sanitize("a/b:c@d#e")).isEqualTo("a-b-c-d-e");
        assertThat(SnapshotNames.sanitize("Ünïcødé")).isEqualTo("-n-c-d-");
        assertThat(SnapshotNames.sanitize("keep_these.-AZaz09")).isEqualTo("keep_these.-AZaz09");
    }

    @Test
    void treatsACharacterOutsideTheBasicPlaneAsOneCharacter() {
        assertThat(SnapshotNames.sanitize("vol\uD83D\uDE00x")).isEqualTo("vol-x");
    }

    @Test
    void cutsEachPartToFortyCharacters() {
        String long50 = "x".repeat(50);
        assertThat(SnapshotNames.sanitize(long50)).hasSize(40);
        assertThat(SnapshotNames.of(long50, "p", long50, long50, SLOT))
                .isEqualTo("auto-" + "x".repeat(40) + "-p-" + "x".repeat(40) + "-" + "x".repeat(40)
                        + "-20260301-020005");
    }

    @Test
    void cutsBeforeReplacingSoAReplacementNeverLengthensAPart() {
        assertThat(SnapshotNames.sanitize("é".repeat(45))).isEqualTo("-".repeat(40));
    }

    @Test
    void stripsSurroundingWhitespaceBeforeReplacing() {
        assertThat(SnapshotNames.sanitize("  data 1  ")).isEqualTo("data_1");
    }
}
