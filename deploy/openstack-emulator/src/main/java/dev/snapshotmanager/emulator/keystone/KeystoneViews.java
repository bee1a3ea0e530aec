package dev.snapshotmanager.emulator.keystone;

import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.model.Domain;
import dev.snapshotmanager.emulator.model.Project;
import dev.snapshotmanager.emulator.model.Role;
import dev.snapshotmanager.emulator.model.User;
import dev.snapshotmanager.emulator.state.IdentityStore.Assignment;

import java.util.List;
import java.util.Map;

/** Keystone v3 entity bodies. */
final class KeystoneViews {

    private static final String BASE = "/identity/v3";

    private KeystoneViews() {
    }

    static Map<String, Object> project(Project p, String baseUrl) {
        return Json.obj("id", p.id(), "name", p.name(), "domain_id", p.domainId(), "description", p.description(),
                "enabled", p.enabled(), "is_domain", false, "parent_id", p.domainId(), "tags", List.of(),
                "options", Map.of(), "links", self(baseUrl, "/projects/" + p.id()));
    }

    static Map<String, Object> domain(Domain d, String baseUrl) {
        return Json.obj("id", d.id(), "name", d.name(), "description", d.description(), "enabled", d.enabled(),
                "tags", List.of(), "options", Map.of(), "links", self(baseUrl, "/domains/" + d.id()));
    }

    static Map<String, Object> user(User u, String baseUrl) {
        Map<String, Object> body = Json.obj("id", u.id(), "name", u.name(), "domain_id", u.domainId(),
                "enabled", u.enabled(), "password_expires_at", null, "options", Map.of(),
                "links", self(baseUrl, "/users/" + u.id()));
        if (u.defaultProjectId() != null) {
            body.put("default_project_id", u.defaultProjectId());
        }
        return body;
    }

    static Map<String, Object> role(Role r, String baseUrl) {
        return Json.obj("id", r.id(), "name", r.name(), "domain_id", null, "description", null,
                "options", Map.of(), "links", self(baseUrl, "/roles/" + r.id()));
    }

    static Map<String, Object> assignment(Assignment a, String baseUrl) {
        return Json.obj("role", Json.obj("id", a.roleId()), "user", Json.obj("id", a.userId()),
                "scope", Json.obj("project", Json.obj("id", a.projectId())),
                "links", Json.obj("assignment", baseUrl + BASE + "/projects/" + a.projectId() + "/users/"
                        + a.userId() + "/roles/" + a.roleId()));
    }

    private static Map<String, Object> self(String baseUrl, String path) {
        return Json.obj("self", baseUrl + BASE + path);
    }
}
