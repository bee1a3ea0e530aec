package dev.snapshotmanager.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** The gateway's own settings: where the services are, how much a caller may send and how often. */
@ConfigMapping(prefix = "snapshot.gateway")
public interface GatewayConfig {

    /** The services behind the gateway. */
    Upstreams upstreams();

    /** Per-caller rate limiting of {@code /api/**}. */
    RateLimit rateLimit();

    /** Largest request body accepted, in bytes (by Content-Length); larger requests get 413. */
    @WithDefault("1048576")
    long maxRequestBodyBytes();

    /**
     * How long a proxied request waits for the service's answer to begin (its status line and headers); then the
     * gateway gives the request up and answers 504. A stream that has begun (SSE, exports) is not limited.
     */
    @WithDefault("60s")
    Duration upstreamResponseTimeout();

    /** How long readiness and OpenAPI aggregation wait for an upstream or Keycloak. */
    @WithDefault("3s")
    Duration upstreamCheckTimeout();

    /** Base URLs of the three services. */
    interface Upstreams {

        /** policy-service base URL (policy sets, policies, templates, assignments, rules, exclusions, resolutions, volumes). */
        URI policy();

        /** run-service base URL (runs and their SSE streams). */
        URI run();

        /** audit-service base URL (records, statistics, timeline, compliance, exports). */
        URI audit();
    }

    /** A token bucket per caller (token principal, or client address when anonymous). */
    interface RateLimit {

        /** Whether rate limiting is on. */
        @WithDefault("true")
        boolean enabled();

        /** Requests allowed per window and caller. */
        @WithDefault("100")
        int requests();

        /** The window length. */
        @WithDefault("1s")
        Duration window();
    }
}
