package dev.snapshotmanager.audit.domain;

import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.common.time.StorableTimes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The position after the last record of a page: its time and its sequence number, plus the order it was read in.
 * Opaque to clients (URL-safe base64). Keyset paging on (time, sequence) never skips or repeats a record, whatever is
 * inserted meanwhile.
 */
public record PageCursor(SortOrder order, Instant occurredAt, long seq) {

    private static final String VERSION = "r1";

    public String encode() {
        long micros = Math.multiplyExact(occurredAt.getEpochSecond(), 1_000_000L) + occurredAt.getNano() / 1_000;
        String plain = VERSION + "|" + order + "|" + micros + "|" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor from a request.
     *
     * @throws ProblemException 400 when it is not a cursor of this API, or was made for the other order
     */
    public static PageCursor decode(String text, SortOrder expectedOrder) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor is not valid");
        }
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw ProblemException.badRequest("cursor is not valid");
        }
        try {
            SortOrder order = SortOrder.valueOf(parts[1]);
            if (order != expectedOrder) {
                throw ProblemException.badRequest("cursor was made for sort=" + order.name().toLowerCase()
                        + "; repeat the request with the same sort");
            }
            long micros = Long.parseLong(parts[2]);
            Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
            if (!StorableTimes.contains(time)) {
                throw ProblemException.badRequest("cursor is not valid");
            }
            return new PageCursor(order, time, Long.parseLong(parts[3]));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor is not valid");
        }
    }
}
