package dev.snapshotmanager.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.policy.domain.resolution.CinderMetadata;
import org.junit.jupiter.api.Test;

/** Which maximum ages are accepted (policies, assignment overrides and Cinder metadata share the rule). */
class CinderMetadataTest {

    @Test
    void acceptsPositiveDurationsAndPeriodsOfAtMostAHundredYears() {
        assertThat(new String[] {"PT12H", "P30D", "P1M", "P1Y2M3D", "P100Y", "P36525D", "PT876600H"})
                .allSatisfy(value -> assertThat(CinderMetadata.isDuration(value)).as(value).isTrue());
    }

    @Test
    void rejectsZeroNegativeTooLongAndNonDurations() {
        assertThat(new String[] {"P0D", "PT0S", "P-1D", "PT-1H", "P100Y1D", "P36526D", "PT876601H", "P2000000000Y",
                "PT9223372036854775807S", "thirty days", "30", ""})
                .allSatisfy(value -> assertThat(CinderMetadata.isDuration(value)).as(value).isFalse());
        assertThat(CinderMetadata.isDuration(null)).isFalse();
    }
}
