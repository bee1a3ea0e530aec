package dev.snapshotmanager.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, with which roles and over which tenants (OpenStack project ids).
 *
 * <p>A token's {@value #TENANT_CLAIM} claim limits its holder to those projects. Without the claim an admin or
 * superadmin sees all tenants; so does any role (DOMAIN.md: "absent means all").
 */
@RequestScoped
public class CallerContext {

    /** The access-token claim that lists the caller's tenants (OpenStack project ids). */
    public static final String TENANT_CLAIM = "tenants";

    @Inject
    SecurityIdentity identity;

    /** The caller's user name (preferred_username / upn / sub), or "anonymous". */
    public String name() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String preferred = jwt.getClaim("preferred_username");
            if (preferred != null) {
                return preferred;
            }
        }
        return identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return Roles.withImplied(identity.getRoles());
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** The tenants this caller is limited to; empty when the caller sees all tenants. */
    public Optional<Set<String>> tenants() {
        if (identity.isAnonymous() || hasRole(Roles.SUPERADMIN)) {
            return Optional.empty();
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || !jwt.containsClaim(TENANT_CLAIM)) {
            return Optional.empty();
        }
        Object claim = jwt.getClaim(TENANT_CLAIM);
        Set<String> tenants;
        if (claim instanceof Collection<?> values) {
            tenants = values.stream().map(CallerContext::unquote).collect(Collectors.toUnmodifiableSet());
        } else {
            tenants = Set.of(unquote(claim).split("[,\\s]+"));
        }
        return Optional.of(tenants);
    }

    public boolean seesAllTenants() {
        return tenants().isEmpty();
    }

    /** Whether this caller may see data of the given tenant (project id). */
    public boolean canSee(String tenantId) {
        return tenants().map(t -> t.contains(tenantId)).orElse(true);
    }

    private static String unquote(Object value) {
        String s = String.valueOf(value);
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
