package dev.snapshotmanager.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** How the worker reaches OpenStack (Keystone v3, Cinder v3, Nova). Secrets come from the environment. */
@ConfigMapping(prefix = "snapshot.openstack")
public interface OpenStackConfig {

    /** Keystone v3 URL including {@code /v3}, e.g. {@code https://keystone.example.com:5000/v3}. */
    String authUrl();

    /** Region whose endpoints are used; absent: the first endpoint of each service. */
    Optional<String> region();

    /** Endpoint interface of the catalog: {@code public}, {@code internal} or {@code admin}. */
    @WithName("interface")
    @WithDefault("public")
    String endpointInterface();

    /** Service user name (needs admin in its own project to list all tenants' volumes). */
    String username();

    /** Service user password (from the environment: SNAPSHOT_OPENSTACK_PASSWORD). */
    String password();

    /** Keystone domain of the service user (name). */
    @WithDefault("Default")
    String userDomain();

    /** The service user's own project (name), used for listing with admin scope. */
    String project();

    /** Keystone domain of the service user's project (name). */
    @WithDefault("Default")
    String projectDomain();

    /** TCP connect timeout of every OpenStack call. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Read timeout of every OpenStack call. */
    @WithDefault("60s")
    Duration readTimeout();

    /** A cached token is replaced this long before it expires. */
    @WithDefault("5m")
    Duration tokenRefreshMargin();

    /** Page size of volume and snapshot listings (Cinder caps it at 1000). */
    @WithDefault("1000")
    int pageSize();

    /** Global limit of OpenStack requests per second of this worker instance. */
    @WithDefault("50")
    double requestsPerSecond();

    /** Grant the service user a role in a tenant project when it has none (each grant is logged). Never admin. */
    @WithDefault("false")
    boolean grantRole();

    /** The role granted when {@link #grantRole()} is on; {@code admin} is refused. */
    @WithDefault("member")
    String grantedRole();

    /** Retries of transient failures (5xx, 429, connection errors). */
    Retry retry();

    /** Exponential backoff with jitter for transient failures. */
    interface Retry {

        /** Retries after the first attempt. */
        @WithDefault("4")
        int maxRetries();

        /** Delay before the first retry; doubled each time. */
        @WithDefault("500ms")
        Duration initialDelay();

        /** Upper bound of one delay. */
        @WithDefault("30s")
        Duration maxDelay();

        /** Random extra delay of up to this much on each retry. */
        @WithDefault("250ms")
        Duration jitter();
    }
}
