package dev.snapshotmanager.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: the Kafka value is the payload's JSON and the context
 * attributes are headers ({@code ce_<attribute>}, UTF-8 strings; {@code datacontenttype} maps to {@code content-type}).
 * This matches what SmallRye Reactive Messaging reads and writes for binary-mode CloudEvents.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    /** RFC 3339, e.g. {@code 2025-03-01T02:00:00Z}. */
    public static final String TIME = "ce_time";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";

    /** The only {@code ce_specversion} written and accepted. */
    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {
    }

    /**
     * Writes the attributes as headers, replacing any {@code ce_*} and {@code content-type} headers already there;
     * absent optional attributes are not written.
     */
    public static void write(Headers headers, CloudEventAttributes attributes) {
        put(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        put(headers, ID, attributes.id());
        put(headers, SOURCE, attributes.source());
        put(headers, TYPE, attributes.type());
        put(headers, SUBJECT, attributes.subject());
        put(headers, TIME, attributes.time() == null ? null : DateTimeFormatter.ISO_INSTANT.format(attributes.time()));
        put(headers, CONTENT_TYPE, attributes.dataContentType());
        put(headers, DATA_SCHEMA, attributes.dataSchema());
    }

    /**
     * Reads the attributes of a binary-mode CloudEvent. Empty when the headers do not hold a valid CloudEvents 1.0
     * event: no or another {@code ce_specversion}, a missing {@code ce_id}/{@code ce_source}/{@code ce_type}, or a
     * {@code ce_time} that is not RFC 3339.
     */
    public static Optional<CloudEventAttributes> read(Headers headers) {
        if (headers == null || !SPEC_VERSION_1_0.equals(get(headers, SPEC_VERSION))) {
            return Optional.empty();
        }
        String id = get(headers, ID);
        String source = get(headers, SOURCE);
        String type = get(headers, TYPE);
        if (isBlank(id) || isBlank(source) || isBlank(type)) {
            return Optional.empty();
        }
        Instant time = null;
        String timeText = get(headers, TIME);
        if (timeText != null) {
            try {
                time = OffsetDateTime.parse(timeText, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new CloudEventAttributes(id, source, type, get(headers, SUBJECT), time,
                get(headers, CONTENT_TYPE), get(headers, DATA_SCHEMA)));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
