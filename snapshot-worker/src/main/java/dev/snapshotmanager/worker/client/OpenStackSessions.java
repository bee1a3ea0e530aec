package dev.snapshotmanager.worker.client;

import dev.snapshotmanager.worker.config.OpenStackConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.Config;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Role;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;

/**
 * Keystone tokens of the service user: one scoped to its own project (admin listing) and one per tenant project
 * (snapshots are created in the volume's own project). Tokens are cached until {@code token-refresh-margin} before
 * they expire and shared across threads: openstack4j sessions are per thread, so every call builds a session from
 * the cached token with {@link OSFactory#clientFromToken}.
 */
@ApplicationScoped
public class OpenStackSessions {

    private static final Logger LOG = Logger.getLogger(OpenStackSessions.class);
    private static final String ADMIN_SCOPE = "";

    private final OpenStackConfig config;
    private final Config transport;
    private final Facing facing;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public OpenStackSessions(OpenStackConfig config) {
        this.config = config;
        this.transport = Config.newConfig()
                .withConnectionTimeout((int) config.connectTimeout().toMillis())
                .withReadTimeout((int) config.readTimeout().toMillis());
        this.facing = Facing.value(config.endpointInterface().toLowerCase(Locale.ROOT));
    }

    /** A session of the calling thread scoped to the service user's own project (admin listing, quotas). */
    public OSClientV3 admin() {
        return session(token(ADMIN_SCOPE));
    }

    /** A session of the calling thread scoped to {@code projectId}. */
    public OSClientV3 project(String projectId) {
        return session(token(projectId));
    }

    /** Forgets the cached token of a scope (after a 401): the next call authenticates again. */
    public void invalidate(String projectId) {
        tokens.remove(projectId == null ? ADMIN_SCOPE : projectId);
    }

    /** Forgets every cached token. */
    public void invalidateAll() {
        tokens.clear();
    }

    private OSClientV3 session(Token token) {
        OSClientV3 os = OSFactory.clientFromToken(token, facing, transport);
        config.region().ifPresent(os::useRegion);
        return os;
    }

    private Token token(String scope) {
        Token cached = tokens.get(scope);
        if (isFresh(cached)) {
            return cached;
        }
        synchronized (locks.computeIfAbsent(scope, s -> new Object())) {
            cached = tokens.get(scope);
            if (isFresh(cached)) {
                return cached;
            }
            Token fresh = scope.isEmpty() ? authenticate(Identifier.byName(config.project()),
                    Identifier.byName(config.projectDomain())) : projectToken(scope);
            tokens.put(scope, fresh);
            return fresh;
        }
    }

    private boolean isFresh(Token token) {
        return token != null && (token.getExpires() == null
                || Instant.now().plus(config.tokenRefreshMargin()).isBefore(token.getExpires().toInstant()));
    }

    private Token projectToken(String projectId) {
        try {
            return authenticate(Identifier.byId(projectId), null);
        } catch (AuthenticationException e) {
            if (!config.grantRole() || !grant(projectId)) {
                throw new CinderException("keystone.token", 401,
                        "the service user has no role in project " + projectId, e);
            }
            return authenticate(Identifier.byId(projectId), null);
        }
    }

    private Token authenticate(Identifier project, Identifier projectDomain) {
        var builder = OSFactory.builderV3().endpoint(config.authUrl())
                .credentials(config.username(), config.password(), Identifier.byName(config.userDomain()))
                .perspective(facing).withConfig(transport);
        builder = projectDomain == null ? builder.scopeToProject(project) : builder.scopeToProject(project, projectDomain);
        return builder.authenticate().getToken();
    }

    /** Grants the configured (non-admin) role to the service user in a project; every grant is logged. */
    private boolean grant(String projectId) {
        String roleName = config.grantedRole();
        if ("admin".equalsIgnoreCase(roleName)) {
            LOG.errorf("Refusing to grant role 'admin' to the service user in project %s", projectId);
            return false;
        }
        OSClientV3 admin = admin();
        Role role = admin.identity().roles().getByName(roleName).stream().findFirst().orElse(null);
        if (role == null) {
            LOG.errorf("Cannot grant role %s in project %s: no such role", roleName, projectId);
            return false;
        }
        String userId = admin.getToken().getUser().getId();
        ActionResponse response = admin.identity().roles().grantProjectUserRole(projectId, userId, role.getId());
        if (response.isSuccess()) {
            LOG.warnf("Granted role %s to service user %s in project %s", roleName, config.username(), projectId);
        } else {
            LOG.errorf("Granting role %s in project %s failed: %s", roleName, projectId, response);
        }
        return response.isSuccess();
    }
}
