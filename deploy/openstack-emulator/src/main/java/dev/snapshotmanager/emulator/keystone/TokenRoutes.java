package dev.snapshotmanager.emulator.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.emulator.http.ApiException;
import dev.snapshotmanager.emulator.http.Call;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.http.Pipeline;
import dev.snapshotmanager.emulator.http.Reply;
import dev.snapshotmanager.emulator.http.Style;
import dev.snapshotmanager.emulator.model.Domain;
import dev.snapshotmanager.emulator.model.Project;
import dev.snapshotmanager.emulator.model.Token;
import dev.snapshotmanager.emulator.model.User;
import dev.snapshotmanager.emulator.state.IdentityStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import java.time.Instant;
import java.util.List;

/** Keystone v3 tokens: {@code POST|GET|HEAD /identity/v3/auth/tokens} and the version document. */
public final class TokenRoutes {

    private static final String BASE = "/identity/v3";
    private static final String MALFORMED = " The server could not comply with the request since it is either "
            + "malformed or otherwise incorrect. The client is assumed to be in error.";

    private final IdentityStore identity;

    public TokenRoutes(IdentityStore identity) {
        this.identity = identity;
    }

    public void install(Router router, Pipeline pipeline) {
        pipeline.route(router, HttpMethod.GET, BASE, "identity.version", Style.KEYSTONE, false, this::version);
        pipeline.route(router, HttpMethod.POST, BASE + "/auth/tokens", "tokens.create", Style.KEYSTONE, false,
                this::issue);
        pipeline.route(router, HttpMethod.GET, BASE + "/auth/tokens", "tokens.validate", Style.KEYSTONE, true,
                this::validate);
        pipeline.route(router, HttpMethod.HEAD, BASE + "/auth/tokens", "tokens.validate", Style.KEYSTONE, true,
                this::validate);
    }

    private Reply version(Call call) {
        return Reply.ok(Json.obj("version", Json.obj("id", "v3.14", "status", "stable",
                "updated", "2020-04-07T00:00:00Z",
                "links", List.of(Json.obj("rel", "self", "href", call.baseUrl() + BASE + "/")),
                "media-types", List.of(Json.obj("base", "application/json",
                        "type", "application/vnd.openstack.identity-v3+json")))));
    }

    private Reply issue(Call call) {
        JsonNode auth = call.body().path("auth");
        JsonNode id = auth.path("identity");
        if (!id.path("methods").isArray() || id.path("methods").isEmpty()) {
            throw keystoneBadRequest("'methods' is a required property");
        }
        String method = id.path("methods").get(0).asText();
        User user;
        List<String> methods;
        if (method.equals("password")) {
            user = passwordUser(id.path("password").path("user"));
            methods = List.of("password");
        } else if (method.equals("token")) {
            user = identity.validate(id.path("token").path("id").asText(null), Instant.now())
                    .flatMap(t -> identity.user(t.userId())).orElseThrow(ApiException::unauthorized);
            methods = List.of("token", "password");
        } else {
            throw ApiException.unauthorized();
        }
        String projectId = scope(auth.path("scope"), user, method.equals("password"));
        Token token = identity.issue(user.id(), projectId, methods, Instant.now());
        return Reply.status(201, TokenView.render(token, identity, call.baseUrl()))
                .header("X-Subject-Token", token.id());
    }

    private User passwordUser(JsonNode node) {
        if (!node.isObject()) {
            throw keystoneBadRequest("'user' is a required property");
        }
        String password = node.path("password").asText(null);
        User user;
        if (node.hasNonNull("id")) {
            user = identity.user(node.get("id").asText()).orElseThrow(ApiException::unauthorized);
        } else if (node.hasNonNull("name")) {
            String domainId = domainOf(node, "user");
            user = identity.userByName(node.get("name").asText(), domainId).orElseThrow(ApiException::unauthorized);
        } else {
            throw keystoneBadRequest("Expecting to find id or name in user.");
        }
        if (!user.enabled() || password == null || !password.equals(user.password())) {
            throw ApiException.unauthorized();
        }
        return user;
    }

    /** The project to scope to: explicit, else (for password auth) the user's default project, else none. */
    private String scope(JsonNode scope, User user, boolean useDefault) {
        Project project = null;
        JsonNode p = scope.path("project");
        if (p.isObject()) {
            if (p.hasNonNull("id")) {
                project = identity.project(p.get("id").asText()).orElseThrow(ApiException::unauthorized);
            } else if (p.hasNonNull("name")) {
                String domainId = domainOf(p, "project");
                project = identity.projectByName(p.get("name").asText(), domainId)
                        .orElseThrow(ApiException::unauthorized);
            } else {
                throw keystoneBadRequest("Expecting to find id or name in project.");
            }
        } else if (scope.isMissingNode() && useDefault && user.defaultProjectId() != null) {
            project = identity.project(user.defaultProjectId()).orElse(null);
            if (project != null && identity.rolesOf(user.id(), project.id()).isEmpty()) {
                project = null;
            }
        }
        if (project == null) {
            return null;
        }
        // Keystone scopes no token to a disabled project, nor to a project of a disabled domain.
        boolean domainEnabled = identity.domain(project.domainId()).map(Domain::enabled).orElse(true);
        if (!project.enabled() || !domainEnabled || identity.rolesOf(user.id(), project.id()).isEmpty()) {
            throw ApiException.unauthorized();
        }
        return project.id();
    }

    /** The domain id a name lives in: {@code domain: {id}} or {@code domain: {name}}; 400 without. */
    private String domainOf(JsonNode node, String what) {
        JsonNode domain = node.path("domain");
        if (domain.hasNonNull("id")) {
            return domain.get("id").asText();
        }
        if (domain.hasNonNull("name")) {
            return identity.domainByName(domain.get("name").asText()).map(d -> d.id())
                    .orElseThrow(ApiException::unauthorized);
        }
        throw keystoneBadRequest("Expecting to find domain in " + what + ".");
    }

    private Reply validate(Call call) {
        String subject = call.header("X-Subject-Token");
        Token token = identity.validate(subject, Instant.now()).orElseThrow(() ->
                new ApiException(404, "itemNotFound", "Could not find token: " + subject + "."));
        return Reply.ok(TokenView.render(token, identity, call.baseUrl())).header("X-Subject-Token", token.id());
    }

    private static ApiException keystoneBadRequest(String reason) {
        return ApiException.badRequest(reason + MALFORMED);
    }
}
