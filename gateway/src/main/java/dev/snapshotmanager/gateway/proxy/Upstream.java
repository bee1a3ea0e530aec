package dev.snapshotmanager.gateway.proxy;

import dev.snapshotmanager.gateway.config.GatewayConfig;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The three services behind the gateway and the {@code /api/v1} paths each one owns. The gateway routes by path
 * prefix only; it never looks into bodies.
 */
public enum Upstream {

    /** Must come before {@link #RUN}: {@code /runs/{id}/records} belongs to the audit trail. */
    AUDIT("audit-service", List.of(
            "/api/v1/runs/[^/]+/records(/.*)?",
            "/api/v1/(records|statistics|timeline|compliance|exports)(/.*)?")),
    RUN("run-service", List.of("/api/v1/runs(/.*)?")),
    POLICY("policy-service", List.of(
            "/api/v1/(policy-sets|policies|templates|policy-templates|schedule-previews|assignments|rules|exclusions|"
                    + "resolutions|volumes)(/.*)?"));

    private final String service;
    private final List<String> pathRegexes;

    Upstream(String service, List<String> pathRegexes) {
        this.service = service;
        this.pathRegexes = pathRegexes;
    }

    /** The service's name, as in logs and health checks. */
    public String service() {
        return service;
    }

    /** Path patterns (Vert.x route regexes, matched against the whole path) owned by this service. */
    public List<String> pathRegexes() {
        return pathRegexes;
    }

    /** This service's base URL from configuration. */
    public URI baseUrl(GatewayConfig config) {
        return switch (this) {
            case AUDIT -> config.upstreams().audit();
            case RUN -> config.upstreams().run();
            case POLICY -> config.upstreams().policy();
        };
    }

    /** Whether this service owns {@code path} (used to keep only routed operations in the OpenAPI document). */
    public boolean owns(String path) {
        String concrete = path.replaceAll("\\{[^}/]+}", "x");
        return pathRegexes.stream().anyMatch(r -> Pattern.matches(r, concrete));
    }

    /** The service owning {@code path}, the first match in declaration order, or null. */
    public static Upstream forPath(String path) {
        for (Upstream upstream : values()) {
            if (upstream.owns(path)) {
                return upstream;
            }
        }
        return null;
    }
}
