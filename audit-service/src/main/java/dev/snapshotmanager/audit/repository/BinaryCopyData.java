package dev.snapshotmanager.audit.repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format ({@code COPY ... FROM STDIN (FORMAT binary)}), written into a growable
 * buffer: the documented file layout of a signature, flags and a header extension, then per row a 16-bit field count
 * and per field a 32-bit length ({@code -1} for NULL) and the value's bytes, then a field count of {@code -1}.
 *
 * <p>Why binary: PostgreSQL parses no text. A timestamp arrives as microseconds and a UUID as 16 bytes, so the one
 * core its COPY runs on spends its time storing rows, not reading them.
 */
public final class BinaryCopyData {

    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L; // 2000-01-01T00:00:00Z

    private byte[] bytes;
    private int length;

    /** Starts the data with its header; {@code capacity} is a first guess of its size in bytes. */
    public BinaryCopyData(int capacity) {
        bytes = new byte[Math.max(capacity, 64)];
        System.arraycopy(SIGNATURE, 0, bytes, 0, SIGNATURE.length);
        length = SIGNATURE.length + 8; // flags 0, header extension length 0
    }

    /** Starts a row of {@code fields} values. */
    public void row(int fields) {
        room(2);
        int16(fields);
    }

    /** Appends one value of the row; {@code value} is null or of the type's Java class. */
    public void value(CopyType type, Object value) {
        if (value == null) {
            room(4);
            int32(-1);
            return;
        }
        switch (type) {
            case TEXT -> text((String) value);
            case INSTANT -> {
                room(12);
                int32(8);
                int64(epochMicros((Instant) value) - POSTGRES_EPOCH_MICROS);
            }
            case UUID -> {
                UUID uuid = (UUID) value;
                room(20);
                int32(16);
                int64(uuid.getMostSignificantBits());
                int64(uuid.getLeastSignificantBits());
            }
            case BOOLEAN -> {
                room(5);
                int32(1);
                bytes[length++] = (byte) ((Boolean) value ? 1 : 0);
            }
            case INT4 -> {
                room(8);
                int32(4);
                int32((Integer) value);
            }
            case INT8 -> {
                room(12);
                int32(8);
                int64((Long) value);
            }
        }
    }

    /**
     * Microseconds since 1970-01-01T00:00:00Z, rounded to the nearest microsecond as PostgreSQL rounds the same
     * instant written as text: what a {@code timestamptz} column stores of it.
     */
    public static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + (instant.getNano() + 500) / 1_000;
    }

    /** Ends the data: no rows may follow. */
    public void end() {
        room(2);
        int16(-1);
    }

    /** The buffer; its first {@link #length()} bytes are the data. */
    public byte[] buffer() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Forgets the bytes written so far (after they were sent), header included: what follows continues the data. */
    public void clear() {
        length = 0;
    }

    private void text(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8); // for ASCII text a plain copy of the string's bytes
        room(4 + utf8.length);
        int32(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private void int16(int v) {
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    private void int32(int v) {
        bytes[length++] = (byte) (v >>> 24);
        bytes[length++] = (byte) (v >>> 16);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }
}
