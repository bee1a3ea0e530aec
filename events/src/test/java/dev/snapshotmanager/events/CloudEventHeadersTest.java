package dev.snapshotmanager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private static CloudEventAttributes attributes() {
        return CloudEventAttributes.of(EventType.RUN_REQUESTED, UUID.randomUUID().toString(),
                CloudEventAttributes.sourceOf("run-service"), EventFixtures.RUN_ID.toString(),
                Instant.parse("2025-03-01T02:00:00.412Z"));
    }

    @Test
    void readsBackWhatItWrites() {
        CloudEventAttributes written = attributes();
        Headers headers = new RecordHeaders();

        CloudEventHeaders.write(headers, written);

        assertThat(CloudEventHeaders.read(headers)).contains(written);
    }

    @Test
    void writesBinaryModeHeadersAsUtf8Strings() {
        Headers headers = new RecordHeaders();

        CloudEventHeaders.write(headers, attributes());

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_type")).isEqualTo("snapshot.run.requested.v1");
        assertThat(text(headers, "ce_source")).isEqualTo("/snapshot-manager/run-service");
        assertThat(text(headers, "ce_subject")).isEqualTo(EventFixtures.RUN_ID.toString());
        assertThat(text(headers, "ce_time")).isEqualTo("2025-03-01T02:00:00.412Z");
        assertThat(text(headers, "ce_dataschema"))
                .isEqualTo("https://snapshotmanager.dev/schemas/run-requested.v1.schema.json");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void omitsAbsentOptionalAttributes() {
        Headers headers = new RecordHeaders();

        CloudEventHeaders.write(headers, new CloudEventAttributes("id-1", "/snapshot-manager/x", "t", null, null,
                null, null));

        assertThat(headers.lastHeader(CloudEventHeaders.SUBJECT)).isNull();
        assertThat(headers.lastHeader(CloudEventHeaders.TIME)).isNull();
        assertThat(headers.lastHeader(CloudEventHeaders.DATA_SCHEMA)).isNull();
        assertThat(CloudEventHeaders.read(headers)).contains(
                new CloudEventAttributes("id-1", "/snapshot-manager/x", "t", null, null, null, null));
    }

    @Test
    void replacesHeadersWrittenBefore() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, attributes());
        CloudEventAttributes second = attributes();

        CloudEventHeaders.write(headers, second);

        assertThat(headers.headers(CloudEventHeaders.ID)).hasSize(1);
        assertThat(CloudEventHeaders.read(headers)).contains(second);
    }

    @Test
    void readsTimesWithAnOffset() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, attributes());
        headers.remove(CloudEventHeaders.TIME);
        headers.add(CloudEventHeaders.TIME, "2025-03-01T03:00:00.412+01:00".getBytes(StandardCharsets.UTF_8));

        assertThat(CloudEventHeaders.read(headers)).get()
                .extracting(CloudEventAttributes::time)
                .isEqualTo(Instant.parse("2025-03-01T02:00:00.412Z"));
    }

    @Test
    void readsNothingFromARecordThatIsNoCloudEvent() {
        assertThat(CloudEventHeaders.read(new RecordHeaders())).isEmpty();
    }

    @Test
    void readsNothingWithoutARequiredAttribute() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, attributes());
        headers.remove(CloudEventHeaders.SOURCE);

        assertThat(CloudEventHeaders.read(headers)).isEmpty();
    }

    @Test
    void readsNothingOfAnotherSpecVersion() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, attributes());
        headers.remove(CloudEventHeaders.SPEC_VERSION);
        headers.add(CloudEventHeaders.SPEC_VERSION, "0.3".getBytes(StandardCharsets.UTF_8));

        assertThat(CloudEventHeaders.read(headers)).isEmpty();
    }

    @Test
    void readsNothingWithATimeThatIsNotRfc3339() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, attributes());
        headers.remove(CloudEventHeaders.TIME);
        headers.add(CloudEventHeaders.TIME, "yesterday".getBytes(StandardCharsets.UTF_8));

        assertThat(CloudEventHeaders.read(headers)).isEmpty();
    }

    @Test
    void attributesRequireIdSourceAndType() {
        assertThatThrownBy(() -> new CloudEventAttributes(" ", "/snapshot-manager/x", "t", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id");
        assertThatThrownBy(() -> CloudEventAttributes.of(EventType.RUN_PLANNED, "id", null, null, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
    }

    @Test
    void attributesOfAnEventTypeCarryItsTypeContentTypeAndSchema() {
        CloudEventAttributes attributes = CloudEventAttributes.of(EventType.VOLUME_RESULT, "e-1",
                CloudEventAttributes.sourceOf("snapshot-worker"), "vol-1", Instant.EPOCH);

        assertThat(attributes.type()).isEqualTo("snapshot.volume.result.v1");
        assertThat(attributes.dataContentType()).isEqualTo("application/json");
        assertThat(attributes.dataSchema()).isEqualTo(EventType.VOLUME_RESULT.dataSchema());
        assertThat(attributes.source()).isEqualTo("/snapshot-manager/snapshot-worker");
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
