package dev.snapshotmanager.emulator.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Time in epoch microseconds and the formats OpenStack renders it in. */
public final class Times {

    private static final DateTimeFormatter CINDER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter NOVA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter KEYSTONE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private Times() {
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** Cinder style, no zone: {@code 2019-03-11T16:24:34.469003}; 0 renders as null. */
    public static String cinder(long micros) {
        return micros == 0 ? null : CINDER.format(toUtc(micros));
    }

    /** Nova style: {@code 2012-08-20T21:11:09Z}. */
    public static String nova(long micros) {
        return micros == 0 ? null : NOVA.format(toUtc(micros));
    }

    /** Keystone style: {@code 2015-11-09T01:42:57.527363Z}. */
    public static String keystone(Instant instant) {
        return KEYSTONE.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    private static LocalDateTime toUtc(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
    }
}
