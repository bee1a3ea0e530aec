package dev.snapshotmanager.audit.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;

/**
 * Where a compliance entry sits in the list: (volume id, policy set id, policy name), compared member by member
 * (Java's String order; no policy sorts first). The one order for sorting the entries and for the page cursor, so
 * that a page never skips or repeats an entry: comparing a joined {@code volumeId|set|name} string instead put
 * {@code vol-10|...} before {@code vol-1|...} ('0' sorts before '|') while the list had vol-1 first.
 */
public record ComplianceKey(String volumeId, String policySetId, String policyName) implements Comparable<ComplianceKey> {

    private static final Comparator<ComplianceKey> ORDER = Comparator.comparing(ComplianceKey::volumeId)
            .thenComparing(ComplianceKey::policySetId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ComplianceKey::policyName, Comparator.nullsFirst(Comparator.naturalOrder()));
    private static final String VERSION = "c2";
    /** Separates the members in a cursor: PostgreSQL text (where every member comes from) never holds a NUL. */
    private static final String SEPARATOR = "\0";
    private static final String NONE = "\1";

    @Override
    public int compareTo(ComplianceKey other) {
        return ORDER.compare(this, other);
    }

    /** The opaque cursor of a page that ends on this key. */
    public String encode() {
        String plain = String.join(SEPARATOR, VERSION, volumeId, member(policySetId), member(policyName));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a cursor was made from; empty when it is not one of ours. */
    public static Optional<ComplianceKey> decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            String[] parts = plain.split(SEPARATOR, -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(new ComplianceKey(parts[1], unmember(parts[2]), unmember(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String member(String value) {
        return value == null ? NONE : value;
    }

    private static String unmember(String value) {
        return NONE.equals(value) ? null : value;
    }
}
