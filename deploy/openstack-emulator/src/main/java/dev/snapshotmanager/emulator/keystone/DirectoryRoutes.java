package dev.snapshotmanager.emulator.keystone;

import dev.snapshotmanager.emulator.http.ApiException;
import dev.snapshotmanager.emulator.http.Call;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.http.Pipeline;
import dev.snapshotmanager.emulator.http.Reply;
import dev.snapshotmanager.emulator.http.Style;
import dev.snapshotmanager.emulator.model.Domain;
import dev.snapshotmanager.emulator.model.Project;
import dev.snapshotmanager.emulator.model.Role;
import dev.snapshotmanager.emulator.model.User;
import dev.snapshotmanager.emulator.state.IdentityStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Keystone v3 projects, domains, users, roles and role assignments. Listing and granting need admin. */
public final class DirectoryRoutes {

    private static final String BASE = "/identity/v3";
    private final IdentityStore identity;

    public DirectoryRoutes(IdentityStore identity) {
        this.identity = identity;
    }

    public void install(Router router, Pipeline p) {
        p.route(router, HttpMethod.GET, BASE + "/projects", "projects.list", Style.KEYSTONE, true, this::projects);
        p.route(router, HttpMethod.GET, BASE + "/projects/:id", "projects.get", Style.KEYSTONE, true, this::project);
        p.route(router, HttpMethod.GET, BASE + "/domains", "domains.list", Style.KEYSTONE, true, this::domains);
        p.route(router, HttpMethod.GET, BASE + "/domains/:id", "domains.get", Style.KEYSTONE, true, this::domain);
        p.route(router, HttpMethod.GET, BASE + "/users", "users.list", Style.KEYSTONE, true, this::users);
        p.route(router, HttpMethod.GET, BASE + "/users/:id", "users.get", Style.KEYSTONE, true, this::user);
        p.route(router, HttpMethod.GET, BASE + "/users/:id/projects", "users.projects", Style.KEYSTONE, true,
                this::userProjects);
        p.route(router, HttpMethod.GET, BASE + "/roles", "roles.list", Style.KEYSTONE, true, this::roles);
        p.route(router, HttpMethod.GET, BASE + "/role_assignments", "role_assignments.list", Style.KEYSTONE, true,
                this::assignments);
        String grant = BASE + "/projects/:project/users/:user/roles/:role";
        p.route(router, HttpMethod.PUT, grant, "grants.put", Style.KEYSTONE, true, this::grant);
        p.route(router, HttpMethod.HEAD, grant, "grants.check", Style.KEYSTONE, true, this::check);
        p.route(router, HttpMethod.GET, grant, "grants.check", Style.KEYSTONE, true, this::check);
        p.route(router, HttpMethod.DELETE, grant, "grants.delete", Style.KEYSTONE, true, this::revoke);
    }

    private Reply projects(Call call) {
        requireAdmin(call, "identity:list_projects");
        Predicate<Project> filter = p -> matches(call, "name", p.name()) && matches(call, "domain_id", p.domainId());
        return list(call, "projects", identity.projects().stream().filter(filter)
                .map(p -> KeystoneViews.project(p, call.baseUrl())).toList());
    }

    private Reply project(Call call) {
        String id = call.path("id");
        if (!call.isAdmin() && !id.equals(call.projectId())) {
            throw forbidden("identity:get_project");
        }
        Project project = identity.project(id).orElseThrow(() -> notFound("project", id));
        return Reply.ok(Json.obj("project", KeystoneViews.project(project, call.baseUrl())));
    }

    private Reply domains(Call call) {
        requireAdmin(call, "identity:list_domains");
        return list(call, "domains", identity.domains().stream().filter(d -> matches(call, "name", d.name()))
                .map(d -> KeystoneViews.domain(d, call.baseUrl())).toList());
    }

    private Reply domain(Call call) {
        requireAdmin(call, "identity:get_domain");
        Domain domain = identity.domain(call.path("id")).orElseThrow(() -> notFound("domain", call.path("id")));
        return Reply.ok(Json.obj("domain", KeystoneViews.domain(domain, call.baseUrl())));
    }

    private Reply users(Call call) {
        requireAdmin(call, "identity:list_users");
        return list(call, "users", identity.users().stream()
                .filter(u -> matches(call, "name", u.name()) && matches(call, "domain_id", u.domainId()))
                .map(u -> KeystoneViews.user(u, call.baseUrl())).toList());
    }

    private Reply user(Call call) {
        String id = call.path("id");
        if (!call.isAdmin() && !id.equals(call.token().userId())) {
            throw forbidden("identity:get_user");
        }
        User user = identity.user(id).orElseThrow(() -> notFound("user", id));
        return Reply.ok(Json.obj("user", KeystoneViews.user(user, call.baseUrl())));
    }

    private Reply userProjects(Call call) {
        String id = call.path("id");
        if (!call.isAdmin() && !id.equals(call.token().userId())) {
            throw forbidden("identity:list_user_projects");
        }
        identity.user(id).orElseThrow(() -> notFound("user", id));
        return list(call, "projects", identity.projects().stream()
                .filter(p -> !identity.rolesOf(id, p.id()).isEmpty())
                .map(p -> KeystoneViews.project(p, call.baseUrl())).toList());
    }

    private Reply roles(Call call) {
        requireAdmin(call, "identity:list_roles");
        return list(call, "roles", identity.roles().stream().filter(r -> matches(call, "name", r.name()))
                .map(r -> KeystoneViews.role(r, call.baseUrl())).toList());
    }

    private Reply assignments(Call call) {
        requireAdmin(call, "identity:list_role_assignments");
        return list(call, "role_assignments", identity.assignments().stream()
                .filter(a -> matches(call, "user.id", a.userId()) && matches(call, "role.id", a.roleId())
                        && matches(call, "scope.project.id", a.projectId()))
                .map(a -> KeystoneViews.assignment(a, call.baseUrl())).toList());
    }

    private Reply grant(Call call) {
        requireAdmin(call, "identity:create_grant");
        Role role = resolveGrant(call);
        identity.grant(call.path("project"), call.path("user"), role.id());
        return Reply.noContent();
    }

    private Reply check(Call call) {
        requireAdmin(call, "identity:check_grant");
        Role role = resolveGrant(call);
        if (!identity.hasGrant(call.path("project"), call.path("user"), role.id())) {
            throw notFound("role", role.id());
        }
        return Reply.noContent();
    }

    private Reply revoke(Call call) {
        requireAdmin(call, "identity:revoke_grant");
        Role role = resolveGrant(call);
        if (!identity.revoke(call.path("project"), call.path("user"), role.id())) {
            throw notFound("role", role.id());
        }
        return Reply.noContent();
    }

    private Role resolveGrant(Call call) {
        identity.project(call.path("project")).orElseThrow(() -> notFound("project", call.path("project")));
        identity.user(call.path("user")).orElseThrow(() -> notFound("user", call.path("user")));
        return identity.role(call.path("role")).orElseThrow(() -> notFound("role", call.path("role")));
    }

    private static Reply list(Call call, String key, List<Map<String, Object>> items) {
        return Reply.ok(Json.obj(key, items, "links", Json.obj("self", call.requestUrl(), "previous", null,
                "next", null)));
    }

    private static boolean matches(Call call, String param, String value) {
        String wanted = call.query(param);
        return wanted == null || wanted.equals(value);
    }

    private static void requireAdmin(Call call, String rule) {
        if (!call.isAdmin()) {
            throw forbidden(rule);
        }
    }

    private static ApiException forbidden(String rule) {
        return ApiException.forbidden("You are not authorized to perform the requested action: " + rule + ".");
    }

    private static ApiException notFound(String kind, String id) {
        return ApiException.notFound("Could not find " + kind + ": " + id + ".");
    }
}
