package dev.snapshotmanager.policy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The conditions of an assignment rule (DOMAIN.md): every key that is given must match; a key with a list matches
 * when any of its values does. Absent keys match everything, so an empty match matches every volume.
 *
 * @param metadataEquals   metadata key -> value(s) the volume's metadata value must equal
 * @param metadataContains metadata key -> substring(s) the volume's metadata value must contain
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleMatch(
        Values domainName,
        Values projectName,
        Values volumeNamePrefix,
        Values volumeNameContains,
        Boolean bootable,
        Integer minSizeGb,
        Integer maxSizeGb,
        Values volumeType,
        Map<String, Values> metadataEquals,
        Map<String, Values> metadataContains) {

    public static final RuleMatch ANY = new RuleMatch(null, null, null, null, null, null, null, null, null, null);

    public RuleMatch {
        metadataEquals = metadataEquals == null ? null : Map.copyOf(metadataEquals);
        metadataContains = metadataContains == null ? null : Map.copyOf(metadataContains);
    }

    /** Whether a volume with these attributes matches every given key. */
    public boolean matches(String domain, String project, String volumeName, boolean isBootable, Integer sizeGb,
            String type, Map<String, String> metadata) {
        if (domainName != null && !domainName.anyEquals(domain)) {
            return false;
        }
        if (projectName != null && !projectName.anyEquals(project)) {
            return false;
        }
        if (volumeNamePrefix != null && !volumeNamePrefix.anyPrefixOf(volumeName)) {
            return false;
        }
        if (volumeNameContains != null && !volumeNameContains.anyContainedIn(volumeName)) {
            return false;
        }
        if (bootable != null && bootable != isBootable) {
            return false;
        }
        if (minSizeGb != null && (sizeGb == null || sizeGb < minSizeGb)) {
            return false;
        }
        if (maxSizeGb != null && (sizeGb == null || sizeGb > maxSizeGb)) {
            return false;
        }
        if (volumeType != null && !volumeType.anyEquals(type)) {
            return false;
        }
        Map<String, String> meta = metadata == null ? Map.of() : metadata;
        if (metadataEquals != null) {
            for (Map.Entry<String, Values> e : metadataEquals.entrySet()) {
                if (!e.getValue().anyEquals(meta.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (metadataContains != null) {
            for (Map.Entry<String, Values> e : metadataContains.entrySet()) {
                if (!e.getValue().anyContainedIn(meta.get(e.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }
}
