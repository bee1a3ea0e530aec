package dev.snapshotmanager.emulator.state;

import dev.snapshotmanager.emulator.model.Domain;
import dev.snapshotmanager.emulator.model.Project;
import dev.snapshotmanager.emulator.model.Role;
import dev.snapshotmanager.emulator.model.Token;
import dev.snapshotmanager.emulator.model.User;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Keystone's data: domains, projects, users, roles, role assignments and issued tokens. Thread-safe. */
public final class IdentityStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Domain> domains = new ConcurrentHashMap<>();
    private final Map<String, Project> projects = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Set<Assignment> assignments = ConcurrentHashMap.newKeySet();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile Duration tokenTtl;

    /** A role granted to a user on a project. */
    public record Assignment(String projectId, String userId, String roleId) {
    }

    public IdentityStore(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    public void put(Domain domain) {
        domains.put(domain.id(), domain);
    }

    public void put(Project project) {
        projects.put(project.id(), project);
    }

    public void put(User user) {
        users.put(user.id(), user);
    }

    public void put(Role role) {
        roles.put(role.id(), role);
    }

    public void grant(String projectId, String userId, String roleId) {
        assignments.add(new Assignment(projectId, userId, roleId));
    }

    public boolean revoke(String projectId, String userId, String roleId) {
        return assignments.remove(new Assignment(projectId, userId, roleId));
    }

    public boolean hasGrant(String projectId, String userId, String roleId) {
        return assignments.contains(new Assignment(projectId, userId, roleId));
    }

    public List<Assignment> assignments() {
        return assignments.stream().sorted(Comparator.comparing(Assignment::projectId)
                .thenComparing(Assignment::userId).thenComparing(Assignment::roleId)).toList();
    }

    /** The roles a user holds on a project, sorted by name. */
    public List<Role> rolesOf(String userId, String projectId) {
        List<Role> result = new ArrayList<>();
        for (Assignment a : assignments) {
            if (a.userId().equals(userId) && a.projectId().equals(projectId) && roles.containsKey(a.roleId())) {
                result.add(roles.get(a.roleId()));
            }
        }
        result.sort(Comparator.comparing(Role::name));
        return result;
    }

    public Optional<Domain> domain(String id) {
        return Optional.ofNullable(id == null ? null : domains.get(id));
    }

    public Optional<Domain> domainByName(String name) {
        return domains.values().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public Optional<Project> project(String id) {
        return Optional.ofNullable(id == null ? null : projects.get(id));
    }

    public Optional<Project> projectByName(String name, String domainId) {
        return projects.values().stream()
                .filter(p -> p.name().equals(name) && p.domainId().equals(domainId)).findFirst();
    }

    public Optional<User> user(String id) {
        return Optional.ofNullable(id == null ? null : users.get(id));
    }

    public Optional<User> userByName(String name, String domainId) {
        return users.values().stream().filter(u -> u.name().equals(name) && u.domainId().equals(domainId)).findFirst();
    }

    public Optional<Role> role(String id) {
        return Optional.ofNullable(id == null ? null : roles.get(id));
    }

    public Optional<Role> roleByName(String name) {
        return roles.values().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public List<Domain> domains() {
        return sorted(domains.values(), Comparator.comparing(Domain::name));
    }

    public List<Project> projects() {
        return sorted(projects.values(), Comparator.comparing(Project::name));
    }

    public List<User> users() {
        return sorted(users.values(), Comparator.comparing(User::name));
    }

    public List<Role> roles() {
        return sorted(roles.values(), Comparator.comparing(Role::name));
    }

    public Duration tokenTtl() {
        return tokenTtl;
    }

    public void tokenTtl(Duration ttl) {
        this.tokenTtl = ttl;
    }

    /** Issues a token (a Fernet-like opaque string) for the user, scoped to the project when not null. */
    public Token issue(String userId, String projectId, List<String> methods, Instant now) {
        pruneExpired(now);
        List<Role> held = projectId == null ? List.of() : rolesOf(userId, projectId);
        Token token = new Token("gAAAAAB" + randomId(96), userId, projectId, held, List.copyOf(methods), now,
                now.plus(tokenTtl), randomId(16));
        tokens.put(token.id(), token);
        return token;
    }

    /** The token if it exists and has not expired, else empty. */
    public Optional<Token> validate(String tokenId, Instant now) {
        if (tokenId == null) {
            return Optional.empty();
        }
        Token token = tokens.get(tokenId);
        return token == null || token.isExpired(now) ? Optional.empty() : Optional.of(token);
    }

    /** Expires every token issued so far. */
    public void expireAll(Instant now) {
        tokens.replaceAll((id, token) -> token.expiredAt(now));
    }

    public void clear() {
        domains.clear();
        projects.clear();
        users.clear();
        roles.clear();
        assignments.clear();
        tokens.clear();
    }

    private void pruneExpired(Instant now) {
        if (tokens.size() > 10_000) {
            tokens.values().removeIf(t -> t.isExpired(now));
        }
    }

    private static <T> List<T> sorted(Collection<T> values, Comparator<T> order) {
        return values.stream().sorted(order).toList();
    }

    private static String randomId(int bytes) {
        byte[] data = new byte[bytes];
        RANDOM.nextBytes(data);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }
}
