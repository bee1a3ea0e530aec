package dev.snapshotmanager.gateway.security;

import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The OIDC {@code hybrid} mechanism, except for API paths: a request under {@code /api/} without valid credentials
 * gets {@code 401} with {@code WWW-Authenticate: Bearer} and a problem body, never a redirect to the login page
 * (other tools and the UI's fetch calls cannot follow one). Browsers log in through {@code /login}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ApiChallengeMechanism implements HttpAuthenticationMechanism {

    @Inject
    OidcAuthenticationMechanism delegate;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return delegate.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (isApi(context)) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
        }
        return delegate.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (isApi(context)) {
            context.response().putHeader("WWW-Authenticate", "Bearer realm=\"snapshots\"");
            Problems.send(context, 401, "Unauthorized", "A valid bearer token or session is required.");
            return Uni.createFrom().item(true);
        }
        return delegate.sendChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return delegate.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return delegate.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return delegate.getPriority();
    }

    private static boolean isApi(RoutingContext context) {
        return context.request().path().startsWith("/api/");
    }
}
