package dev.snapshotmanager.gateway;

import dev.snapshotmanager.testsupport.security.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

import static io.restassured.RestAssured.given;

/** Fixtures: callers with fresh names (each has its own rate-limit budget) and the fake upstreams' URLs. */
final class Callers {

    private Callers() {
    }

    static String freshName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String token(String role) {
        return TestTokens.forRole(freshName(role), role);
    }

    static String tenantToken(String role, List<String> tenants) {
        return TestTokens.forTenants(freshName("tenant-" + role), role, tenants);
    }

    static RequestSpecification as(String role) {
        return bearer(token(role));
    }

    static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** The base URL of one fake upstream: policy, run or audit. */
    static URI upstream(String name) {
        return URI.create(ConfigProvider.getConfig().getValue("snapshot.gateway.upstreams." + name, String.class));
    }
}
