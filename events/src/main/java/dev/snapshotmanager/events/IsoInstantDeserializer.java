package dev.snapshotmanager.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads an {@link Instant} in the one shape every producer writes ({@link Instant#toString()}: {@code
 * 2025-03-01T02:00:00Z}, {@code 2025-03-01T02:00:00.123456Z}) by hand, and everything else (offsets, numbers,
 * leap seconds, invalid text) through jackson-datatype-jsr310's {@link InstantDeserializer}, so that what is accepted
 * and what is refused, and how, stays exactly as before.
 *
 * <p>Why: {@code DateTimeFormatter.ISO_INSTANT} parses through a field map and a resolver, and on the audit-service's
 * results consumer it was a quarter of the thread that reads the records (two instants per result).
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

    private static final int SECONDS_PER_DAY = 86_400;
    private static final int[] NANO_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private final JsonDeserializer<Instant> general;

    IsoInstantDeserializer() {
        this(InstantDeserializer.INSTANT);
    }

    private IsoInstantDeserializer(JsonDeserializer<Instant> general) {
        super(Instant.class);
        this.general = general;
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = parseUtc(p.getText());
            if (instant != null) {
                return instant;
            }
        }
        return general.deserialize(p, ctxt);
    }

    /**
     * The instant of {@code text} when it is exactly {@code yyyy-MM-ddTHH:mm:ss[.f]Z} (one to nine fraction digits)
     * and a valid date and time; null for anything else, which the general parser then reads or refuses.
     */
    static Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fractionDigits = length - 21;
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * NANO_SCALE[fractionDigits];
        }
        if (day > 28 && day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} decimal digits from {@code from}; -1 when one of them is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
