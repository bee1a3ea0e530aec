package dev.snapshotmanager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VolumeResultV1Test {

    private static final UUID RUN = EventFixtures.RUN_ID;
    private static final String VOLUME = "5a7c9e1b-2d4f-4a6c-8e0b-1d3f5a7c9e2b";

    @Test
    void deterministicEventIdIsStableAcrossCalls() {
        assertThat(VolumeResultV1.deterministicEventId(RUN, VOLUME, VolumeAction.CREATED, "snap-1"))
                .isEqualTo(VolumeResultV1.deterministicEventId(UUID.fromString(RUN.toString()), VOLUME,
                        VolumeAction.CREATED, "snap-1"));
    }

    @Test
    void deterministicEventIdIsANameBasedUuid() {
        UUID id = UUID.fromString(VolumeResultV1.deterministicEventId(RUN, VOLUME, VolumeAction.SKIPPED, null));

        assertThat(id.version()).isEqualTo(3);
    }

    @Test
    void deterministicEventIdDiffersPerAction() {
        assertThat(Arrays.stream(VolumeAction.values())
                .map(action -> VolumeResultV1.deterministicEventId(RUN, VOLUME, action, "snap-1"))
                .distinct())
                .hasSize(VolumeAction.values().length);
    }

    @Test
    void deterministicEventIdDiffersPerSnapshotRunAndVolume() {
        String id = VolumeResultV1.deterministicEventId(RUN, VOLUME, VolumeAction.DELETED, "snap-1");

        assertThat(VolumeResultV1.deterministicEventId(RUN, VOLUME, VolumeAction.DELETED, "snap-2")).isNotEqualTo(id);
        assertThat(VolumeResultV1.deterministicEventId(RUN, VOLUME, VolumeAction.DELETED, null)).isNotEqualTo(id);
        assertThat(VolumeResultV1.deterministicEventId(RUN, "other-volume", VolumeAction.DELETED, "snap-1"))
                .isNotEqualTo(id);
        assertThat(VolumeResultV1.deterministicEventId(UUID.randomUUID(), VOLUME, VolumeAction.DELETED, "snap-1"))
                .isNotEqualTo(id);
    }

    @Test
    void exampleCarriesTheDeterministicIdOfItsAction() {
        VolumeResultV1 example = EventJson.fromJson(Schemas.example(EventType.VOLUME_RESULT).toString(),
                VolumeResultV1.class);

        assertThat(example.eventId()).isEqualTo(VolumeResultV1.deterministicEventId(example.runId(),
                example.volume().id(), example.action(), example.snapshot().id()));
    }

    @Test
    void deterministicEventIdNeedsRunVolumeAndAction() {
        assertThatThrownBy(() -> VolumeResultV1.deterministicEventId(RUN, null, VolumeAction.CREATED, null))
                .isInstanceOf(NullPointerException.class);
    }
}
