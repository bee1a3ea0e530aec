package dev.snapshotmanager.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The tenant of a volume, snapshot or result: an OpenStack project and its Keystone domain. Ids are the keys;
 * names are copied at the time of writing.
 */
public record TenantRef(
        String domainId,
        String domainName,
        @JsonProperty(required = true) String projectId,
        String projectName) {
}
