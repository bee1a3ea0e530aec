package dev.snapshotmanager.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who the caller is, for the UI.
 *
 * @param name       the user name ({@code preferred_username}; {@code service-account-<client>} for a tool)
 * @param roles      realm roles, including the implied ones, weakest first
 * @param tenants    the OpenStack project ids the caller is limited to; null when it sees all tenants
 * @param allTenants whether the caller sees every tenant
 */
@Schema(name = "Me")
public record Me(String name, List<String> roles,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> tenants, boolean allTenants) {
}
