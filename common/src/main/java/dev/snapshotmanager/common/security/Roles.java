package dev.snapshotmanager.common.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The realm roles of Keycloak realm {@code snapshots}. Each includes the ones before it
 * (viewer &lt; operator &lt; admin &lt; superadmin), as DOMAIN.md's role table says.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    public static final String SUPERADMIN = "superadmin";

    /** Weakest first. */
    public static final List<String> ORDER = List.of(VIEWER, OPERATOR, ADMIN, SUPERADMIN);

    private Roles() {
    }

    /** The given roles plus every role they include. */
    public static Set<String> withImplied(Set<String> roles) {
        Set<String> all = new LinkedHashSet<>(roles);
        int strongest = -1;
        for (String role : roles) {
            strongest = Math.max(strongest, ORDER.indexOf(role));
        }
        all.addAll(ORDER.subList(0, strongest + 1));
        return all;
    }
}
