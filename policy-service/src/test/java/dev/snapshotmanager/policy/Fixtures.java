package dev.snapshotmanager.policy;

import static io.restassured.RestAssured.given;

import dev.snapshotmanager.testsupport.security.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixture builders and authenticated requests for the resource tests (real signed tokens). */
public final class Fixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private Fixtures() {
    }

    /** A unique valid name with a readable prefix. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A unique tenant (project) id. */
    public static String tenant() {
        return "proj-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRole("alice-" + role, role)).contentType(ContentType.JSON);
    }

    public static RequestSpecification asTenant(String role, String... tenants) {
        return given().auth().oauth2(TestTokens.forTenants("bob-" + role, role, List.of(tenants)))
                .contentType(ContentType.JSON);
    }

    public static PolicyBuilder policy(String name) {
        return new PolicyBuilder(name);
    }

    public static SetBuilder globalSet() {
        return new SetBuilder().scope("GLOBAL");
    }

    public static SetBuilder tenantSet(String tenantId) {
        return new SetBuilder().scope("TENANT").with("tenantId", tenantId);
    }

    /** A policy body: cron 0 2 * * * UTC, keep 5 unless changed. */
    public static final class PolicyBuilder {
        private final Map<String, Object> body = new LinkedHashMap<>();

        PolicyBuilder(String name) {
            body.put("name", name);
            body.put("cron", "0 2 * * *");
            body.put("timeZone", "UTC");
            body.put("keepLast", 5);
        }

        public PolicyBuilder with(String field, Object value) {
            body.put(field, value);
            return this;
        }

        public Map<String, Object> build() {
            return new HashMap<>(body);
        }
    }

    /** A policy-set body with a unique name and one policy daily_5. */
    public static final class SetBuilder {
        private final Map<String, Object> body = new LinkedHashMap<>();
        private final List<Map<String, Object>> policies = new ArrayList<>();

        SetBuilder() {
            body.put("name", unique("set"));
            body.put("priority", 100);
        }

        SetBuilder scope(String scope) {
            body.put("scope", scope);
            return this;
        }

        public SetBuilder with(String field, Object value) {
            body.put(field, value);
            return this;
        }

        public SetBuilder policy(PolicyBuilder policy) {
            policies.add(policy.build());
            return this;
        }

        public Map<String, Object> build() {
            Map<String, Object> out = new LinkedHashMap<>(body);
            out.put("policies", policies.isEmpty() ? List.of(Fixtures.policy("daily_5").build()) : policies);
            return out;
        }

        /** Creates it as an admin without tenant claim and returns its id. */
        public String create() {
            return as("admin").body(build()).post("/api/v1/policy-sets").then().statusCode(201)
                    .extract().path("id");
        }
    }
}
