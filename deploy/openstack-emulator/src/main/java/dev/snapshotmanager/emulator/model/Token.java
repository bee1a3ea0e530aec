package dev.snapshotmanager.emulator.model;

import java.time.Instant;
import java.util.List;

/** An issued Keystone token, scoped to a project or unscoped ({@code projectId == null}). */
public record Token(String id, String userId, String projectId, List<Role> roles, List<String> methods,
                    Instant issuedAt, Instant expiresAt, String auditId) {

    public boolean isAdmin() {
        return roles.stream().anyMatch(Role::isAdmin);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Token expiredAt(Instant instant) {
        return new Token(id, userId, projectId, roles, methods, issuedAt, instant, auditId);
    }
}
