package dev.snapshotmanager.emulator.keystone;

import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.http.Times;
import dev.snapshotmanager.emulator.model.Domain;
import dev.snapshotmanager.emulator.model.Project;
import dev.snapshotmanager.emulator.model.Token;
import dev.snapshotmanager.emulator.model.User;
import dev.snapshotmanager.emulator.state.IdentityStore;

import java.util.Map;

/** The {@code {"token": ...}} body of Keystone v3. */
final class TokenView {

    private TokenView() {
    }

    static Map<String, Object> render(Token token, IdentityStore identity, String baseUrl) {
        User user = identity.user(token.userId()).orElseThrow();
        Map<String, Object> body = Json.obj("methods", token.methods(),
                "user", Json.obj("domain", domain(identity, user.domainId()), "id", user.id(), "name", user.name(),
                        "password_expires_at", null),
                "audit_ids", java.util.List.of(token.auditId()),
                "expires_at", Times.keystone(token.expiresAt()),
                "issued_at", Times.keystone(token.issuedAt()));
        if (token.projectId() != null) {
            Project project = identity.project(token.projectId()).orElseThrow();
            body.put("project", Json.obj("domain", domain(identity, project.domainId()), "id", project.id(),
                    "name", project.name()));
            body.put("is_domain", false);
            body.put("roles", token.roles().stream().map(r -> Json.obj("id", r.id(), "name", r.name())).toList());
            body.put("catalog", Catalog.build(baseUrl, project.id()));
        }
        return Json.obj("token", body);
    }

    private static Map<String, Object> domain(IdentityStore identity, String domainId) {
        String name = identity.domain(domainId).map(Domain::name).orElse(domainId);
        return Json.obj("id", domainId, "name", name);
    }
}
