package dev.snapshotmanager.emulator.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cinder's microversion negotiation: {@code OpenStack-API-Version: volume 3.x}, default 3.0, up to 3.71. */
public final class Microversions {

    public static final String HEADER = "OpenStack-API-Version";
    public static final int MAX_MINOR = 71;
    private static final Pattern VERSION = Pattern.compile("^([1-9]\\d*)\\.([1-9]\\d*|0)$");

    private Microversions() {
    }

    /** The minor version requested for {@code service}; 400 when malformed, 406 when out of range. */
    public static int negotiate(String header, String service) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String requested = null;
        for (String part : header.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 2 && words[0].equalsIgnoreCase(service)) {
                requested = words[1];
            }
        }
        if (requested == null) {
            return 0;
        }
        if (requested.equalsIgnoreCase("latest")) {
            return MAX_MINOR;
        }
        Matcher m = VERSION.matcher(requested);
        if (!m.matches()) {
            throw ApiException.badRequest("API Version String " + requested
                    + " is of invalid format. Must be of format MajorNum.MinorNum.");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major != 3 || minor > MAX_MINOR) {
            throw new ApiException(406, "computeFault", "Version " + requested
                    + " is not supported by the API. Minimum is 3.0 and maximum is 3." + MAX_MINOR + ".");
        }
        return minor;
    }
}
