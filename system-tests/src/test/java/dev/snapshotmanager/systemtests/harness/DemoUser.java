package dev.snapshotmanager.systemtests.harness;

import java.util.List;

/**
 * A user of the demo realm ({@code deploy/keycloak/realm.json}), as the README lists them.
 *
 * @param role    the realm role (each includes the ones before it: viewer, operator, admin, superadmin)
 * @param tenants the projects its {@code tenants} claim limits it to; empty = every tenant
 */
public record DemoUser(String username, String password, String role, List<String> tenants) {

    public static final DemoUser VIEWER = new DemoUser("viewer", "demo-viewer", "viewer", List.of());
    public static final DemoUser OPERATOR = new DemoUser("operator", "demo-operator", "operator", List.of());
    public static final DemoUser ADMIN = new DemoUser("admin", "demo-admin", "admin", List.of());
    public static final DemoUser SUPERADMIN = new DemoUser("superadmin", "demo-superadmin", "superadmin", List.of());
    public static final DemoUser TENANT_VIEWER =
            new DemoUser("tenant-viewer", "demo-tenant-viewer", "viewer", List.of("demo-project-1"));
    public static final DemoUser TENANT_OPERATOR = new DemoUser("tenant-operator", "demo-tenant-operator", "operator",
            List.of("demo-project-1", "demo-project-2"));

    /** Every demo user. */
    public static final List<DemoUser> ALL = List.of(VIEWER, OPERATOR, ADMIN, SUPERADMIN, TENANT_VIEWER, TENANT_OPERATOR);
}
