package dev.snapshotmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.systemtests.harness.DemoUser;
import dev.snapshotmanager.systemtests.harness.SystemStack;
import dev.snapshotmanager.systemtests.harness.SystemStackExtension;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DOMAIN.md's role matrix and tenant isolation end to end: real Keycloak tokens of the demo users, through the
 * gateway, answered by the real services. Every row is one operation of a service, every column a kind of caller;
 * a denial is 401 (no or an invalid token) or 403 (role), always with a problem body, and a denied write changes
 * nothing. Tenant-restricted users list only their tenants' volumes, runs, records, statistics and compliance, and
 * another tenant's run, volume or record is 404 to them (as if it did not exist).
 *
 * <p>Runs stay cheap: they are scoped to project {@value #PROJECT} (research, no other class uses it), the matrix's
 * run policies cover no volume, and the one set that covers the project's volumes is only dry-run.
 */
@ExtendWith(SystemStackExtension.class)
@ResourceLock(value = SystemStack.EMULATOR_FAULTS, mode = ResourceAccessMode.READ)
class RoleMatrixSystemTest {

    /** The project of this class's runs, assignments and exclusions; outside every tenant claim of the demo users. */
    static final String PROJECT = "demo-project-6";
    static final String PROJECT_NAME = "research";
    /** The tenant of the tenant-viewer (and one of the tenant-operator's two). */
    static final String TENANT_PROJECT = "demo-project-1";
    static final String PROBLEM = "application/problem+json";

    /** A set whose policies cover no volume: the matrix's runs cost nothing. */
    static String bareSetId;
    /** A set a rule gives to every volume of {@link #PROJECT}: its dry runs have work to do (and to cancel). */
    static String coveredSetId;
    static String coveredRuleId;
    static List<Map<String, Object>> projectVolumes;
    static String tenantVolumeId;
    /** A finished dry run over {@link #PROJECT}, with its audit records. */
    static String otherTenantRunId;
    static String otherTenantRecordId;
    /** A finished dry run of the tenant-operator over {@link #TENANT_PROJECT}. */
    static String tenantRunId;

    /** Who calls. */
    enum Caller {
        NONE(null), GARBAGE(null), FORGED(null), VIEWER(DemoUser.VIEWER), OPERATOR(DemoUser.OPERATOR),
        ADMIN(DemoUser.ADMIN), SUPERADMIN(DemoUser.SUPERADMIN), TENANT_VIEWER(DemoUser.TENANT_VIEWER);

        final DemoUser user;

        Caller(DemoUser user) {
            this.user = user;
        }

        String suffix() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** One operation and the status of each caller, in the order of {@link Caller}. */
    enum Row {
        LIST_POLICY_SETS(401, 401, 401, 200, 200, 200, 200, 200),
        CREATE_GLOBAL_POLICY_SET(401, 401, 401, 403, 403, 201, 201, 403),
        UPDATE_POLICY_SET(401, 401, 401, 403, 403, 200, 200, 403),
        DELETE_POLICY_SET(401, 401, 401, 403, 403, 204, 204, 403),
        CREATE_RULE(401, 401, 401, 403, 403, 201, 201, 403),
        CREATE_ASSIGNMENT(401, 401, 401, 403, 201, 201, 201, 403),
        CREATE_EXCLUSION(401, 401, 401, 403, 201, 201, 201, 403),
        EFFECTIVE_POLICY(401, 401, 401, 200, 200, 200, 200, 200),
        LIST_RUNS(401, 401, 401, 200, 200, 200, 200, 200),
        REQUEST_DRY_RUN(401, 401, 401, 403, 202, 202, 202, 403),
        REQUEST_REAL_RUN(401, 401, 401, 403, 403, 202, 202, 403),
        CANCEL_RUN(401, 401, 401, 403, 403, 200, 200, 403),
        SEARCH_RECORDS(401, 401, 401, 200, 200, 200, 200, 200),
        EXPORT_RECORDS_CSV(401, 401, 401, 200, 200, 200, 200, 200),
        COMPLIANCE(401, 401, 401, 200, 200, 200, 200, 200),
        STATISTICS(401, 401, 401, 200, 200, 200, 200, 200),
        ME(401, 401, 401, 200, 200, 200, 200, 200);

        final int[] expected;

        Row(int... expected) {
            if (expected.length != Caller.values().length) {
                throw new IllegalArgumentException(name() + " needs one status per caller");
            }
            this.expected = expected;
        }
    }

    static Stream<Arguments> cells() {
        return Stream.of(Row.values()).flatMap(row -> Stream.of(Caller.values())
                .map(caller -> Arguments.of(row, caller, row.expected[caller.ordinal()])));
    }

    static Stream<DemoUser> tenantUsers() {
        return Stream.of(DemoUser.TENANT_VIEWER, DemoUser.TENANT_OPERATOR);
    }

    @BeforeAll
    static void prepare(SystemStack stack) {
        projectVolumes = Fixtures.volumes(stack, PROJECT);
        assertThat(projectVolumes).as("volumes of %s", PROJECT).hasSize(SystemStack.VOLUMES_PER_PROJECT);
        tenantVolumeId = (String) Fixtures.volumes(stack, TENANT_PROJECT).get(0).get("id");

        List<String> runPolicies = Stream.of(Caller.values())
                .flatMap(c -> Stream.of("dry_" + c.suffix(), "real_" + c.suffix()))
                .map(n -> n.replace('-', '_')).collect(Collectors.toList());
        runPolicies.add("warmup");
        bareSetId = RoleMatrixCalls.createSet(stack, Fixtures.unique("e2e-rbac-bare"), runPolicies);
        List<String> coveredPolicies = Stream.of(Caller.values()).map(c -> "cancel_" + c.suffix().replace('-', '_'))
                .collect(Collectors.toList());
        coveredPolicies.add("records");
        coveredSetId = RoleMatrixCalls.createSet(stack, Fixtures.unique("e2e-rbac-covered"), coveredPolicies);
        coveredRuleId = Fixtures.createRule(stack, Fixtures.unique("e2e-rbac-research"), 990,
                Map.of("projectName", PROJECT_NAME), coveredSetId);

        // run-service learns of both sets through Kafka; these requests also wait for that.
        String warmup = RoleMatrixCalls.awaitAccepted(stack, DemoUser.ADMIN,
                RoleMatrixCalls.runRequest(bareSetId, "warmup", true, PROJECT));
        otherTenantRunId = RoleMatrixCalls.awaitAccepted(stack, DemoUser.ADMIN,
                RoleMatrixCalls.runRequest(coveredSetId, "records", true, PROJECT));
        tenantRunId = RoleMatrixCalls.awaitAccepted(stack, DemoUser.TENANT_OPERATOR, tenantDefaultPolicyRun(stack));

        Fixtures.awaitFinished(stack, warmup, Duration.ofSeconds(60));
        JsonPath other = Fixtures.awaitFinished(stack, otherTenantRunId, Duration.ofSeconds(90));
        assertThat(other.getInt("counters.totalVolumes")).as(other.prettify()).isPositive();
        List<Map<String, Object>> records = Fixtures.awaitRecords(stack, otherTenantRunId, 1);
        otherTenantRecordId = (String) records.get(0).get("id");
        JsonPath own = Fixtures.awaitFinished(stack, tenantRunId, Duration.ofSeconds(90));
        assertThat(own.getInt("counters.totalVolumes")).as(own.prettify()).isPositive();
        Fixtures.awaitRecords(stack, tenantRunId, 1);
    }

    /** A dry run of the demo seed's acme-web-default (tenant {@value #TENANT_PROJECT}, auto-applied). */
    private static Map<String, Object> tenantDefaultPolicyRun(SystemStack stack) {
        JsonPath sets = stack.as(DemoUser.ADMIN).queryParam("limit", 200).get("/api/v1/policy-sets")
                .then().statusCode(200).extract().jsonPath();
        String setId = sets.getString("items.find { it.name == 'acme-web-default' }.id");
        String policy = sets.getString("items.find { it.name == 'acme-web-default' }.policies[0].name");
        assertThat(setId).as("the demo seed's acme-web-default").isNotNull();
        return Map.of("policy", Map.of("policySetId", setId, "policyName", policy), "dryRun", true,
                "reason", "role matrix system test");
    }

    @AfterAll
    static void removeWhatThisClassMade(SystemStack stack) {
        Fixtures.delete(stack, coveredRuleId, coveredSetId);
        Fixtures.delete(stack, null, bareSetId);
    }

    // ---- the matrix

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cells")
    void callerGetsTheStatusItsRolesAllow(Row row, Caller caller, int expected, SystemStack stack) {
        RoleMatrixCalls calls = new RoleMatrixCalls(stack, caller);
        switch (row) {
            case LIST_POLICY_SETS -> check(calls.spec().queryParam("limit", 5).get("/api/v1/policy-sets"), expected);
            case CREATE_GLOBAL_POLICY_SET -> createPolicySet(stack, calls, expected);
            case UPDATE_POLICY_SET -> updatePolicySet(stack, calls, expected);
            case DELETE_POLICY_SET -> deletePolicySet(stack, calls, expected);
            case CREATE_RULE -> createRule(stack, calls, expected);
            case CREATE_ASSIGNMENT -> createAssignment(stack, calls, projectVolumes.get(caller.ordinal()), expected);
            case CREATE_EXCLUSION -> createExclusion(stack, calls, projectVolumes.get(20 + caller.ordinal()), expected);
            case EFFECTIVE_POLICY -> {
                Response r = calls.spec().get("/api/v1/volumes/" + tenantVolumeId + "/effective-policy");
                check(r, expected);
                if (expected == 200) {
                    assertThat(r.jsonPath().getString("volumeId")).isEqualTo(tenantVolumeId);
                }
            }
            case LIST_RUNS -> check(calls.spec().queryParam("limit", 5).get("/api/v1/runs"), expected);
            case REQUEST_DRY_RUN -> requestRun(stack, calls, "dry_", true, expected);
            case REQUEST_REAL_RUN -> requestRun(stack, calls, "real_", false, expected);
            case CANCEL_RUN -> cancelRun(stack, calls, expected);
            case SEARCH_RECORDS -> check(calls.spec().queryParam("limit", 5).get("/api/v1/records"), expected);
            case EXPORT_RECORDS_CSV -> {
                Response r = calls.spec().accept("text/csv").queryParam("runId", otherTenantRunId)
                        .get("/api/v1/records/export");
                check(r, expected);
                if (expected == 200) {
                    assertThat(r.contentType()).startsWith("text/csv");
                }
            }
            case COMPLIANCE -> check(calls.spec().queryParam("limit", 5).get("/api/v1/compliance"), expected);
            case STATISTICS -> check(calls.spec().get("/api/v1/statistics"), expected);
            case ME -> {
                Response r = calls.spec().get("/api/v1/me");
                check(r, expected);
                if (expected == 200) {
                    assertThat(r.jsonPath().getString("name")).isEqualTo(caller.user.username());
                    assertThat(r.jsonPath().getList("roles", String.class)).contains(caller.user.role());
                }
            }
        }
    }

    private static void createPolicySet(SystemStack stack, RoleMatrixCalls calls, int expected) {
        String name = Fixtures.unique("e2e-rbac-create");
        Response r = calls.spec().body(RoleMatrixCalls.setBody(name, List.of("p"))).post("/api/v1/policy-sets");
        check(r, expected);
        if (expected == 201) {
            Fixtures.delete(stack, null, r.path("id"));
        } else {
            assertThat(stack.as(DemoUser.ADMIN).queryParam("q", name).get("/api/v1/policy-sets").then()
                    .statusCode(200).extract().jsonPath().getList("items")).as("sets named %s", name).isEmpty();
        }
    }

    private static void updatePolicySet(SystemStack stack, RoleMatrixCalls calls, int expected) {
        String id = RoleMatrixCalls.createSet(stack, Fixtures.unique("e2e-rbac-update"), List.of("p"));
        try {
            Response r = calls.spec().body(Map.of("description", "changed by " + calls.caller()))
                    .patch("/api/v1/policy-sets/" + id);
            check(r, expected);
            String description = stack.as(DemoUser.ADMIN).get("/api/v1/policy-sets/" + id).then().statusCode(200)
                    .extract().path("description");
            assertThat(description).isEqualTo(expected == 200 ? "changed by " + calls.caller() : "system test");
        } finally {
            Fixtures.delete(stack, null, id);
        }
    }

    private static void deletePolicySet(SystemStack stack, RoleMatrixCalls calls, int expected) {
        String id = RoleMatrixCalls.createSet(stack, Fixtures.unique("e2e-rbac-delete"), List.of("p"));
        Response r = calls.spec().delete("/api/v1/policy-sets/" + id);
        check(r, expected);
        if (expected != 204) {
            Fixtures.delete(stack, null, id);
        } else {
            stack.as(DemoUser.ADMIN).get("/api/v1/policy-sets/" + id).then().statusCode(404);
        }
    }

    private static void createRule(SystemStack stack, RoleMatrixCalls calls, int expected) {
        String name = Fixtures.unique("e2e-rbac-rule");
        Map<String, Object> body = Map.of("name", name, "description", "matches nothing", "priority", 10,
                "enabled", false, "match", Map.of("volumeNamePrefix", List.of("e2e-rbac-no-such-volume-")),
                "policySetId", bareSetId, "autoSnapshot", true);
        Response r = calls.spec().body(body).post("/api/v1/rules");
        check(r, expected);
        if (expected == 201) {
            Fixtures.delete(stack, r.path("id"), null);
        } else {
            assertThat(stack.as(DemoUser.ADMIN).queryParam("limit", 200).get("/api/v1/rules").then().statusCode(200)
                    .extract().jsonPath().getList("items.name", String.class)).doesNotContain(name);
        }
    }

    private static void createAssignment(SystemStack stack, RoleMatrixCalls calls, Map<String, Object> volume,
            int expected) {
        String volumeId = (String) volume.get("id");
        Map<String, Object> body = Map.of("volumeId", volumeId, "volumeName", volume.get("name"), "projectId", PROJECT,
                "projectName", PROJECT_NAME, "policySetId", coveredSetId, "autoSnapshot", true, "source", "API");
        Response r = calls.spec().body(body).post("/api/v1/assignments");
        check(r, expected);
        if (expected == 201) {
            stack.as(DemoUser.ADMIN).delete("/api/v1/assignments/" + volumeId).then().statusCode(204);
        } else {
            stack.as(DemoUser.ADMIN).get("/api/v1/assignments/" + volumeId).then().statusCode(404);
        }
    }

    private static void createExclusion(SystemStack stack, RoleMatrixCalls calls, Map<String, Object> volume,
            int expected) {
        String volumeId = (String) volume.get("id");
        Map<String, Object> body = Map.of("volumeId", volumeId, "volumeName", volume.get("name"), "projectId", PROJECT,
                "projectName", PROJECT_NAME, "reason", "role matrix system test");
        Response r = calls.spec().body(body).post("/api/v1/exclusions");
        check(r, expected);
        if (expected == 201) {
            stack.as(DemoUser.ADMIN).delete("/api/v1/exclusions/" + volumeId).then().statusCode(204);
        } else {
            stack.as(DemoUser.ADMIN).get("/api/v1/exclusions/" + volumeId).then().statusCode(404);
        }
    }

    private static void requestRun(SystemStack stack, RoleMatrixCalls calls, String prefix, boolean dryRun,
            int expected) {
        String policy = (prefix + calls.caller().suffix()).replace('-', '_');
        Response r = calls.spec().body(RoleMatrixCalls.runRequest(bareSetId, policy, dryRun, PROJECT))
                .post("/api/v1/runs");
        check(r, expected);
        if (expected == 202) {
            assertThat(r.jsonPath().getBoolean("dryRun")).isEqualTo(dryRun);
            assertThat(r.jsonPath().getString("requestedBy")).isEqualTo(calls.caller().user.username());
            RoleMatrixCalls.cancelQuietly(stack, r.path("id"));
        } else {
            assertThat(stack.as(DemoUser.ADMIN).queryParam("policySetId", bareSetId).queryParam("policyName", policy)
                    .get("/api/v1/runs").then().statusCode(200).extract().jsonPath().getList("items"))
                    .as("runs of %s", policy).isEmpty();
        }
    }

    /**
     * An allowed caller cancels a dry run over the project's 50 volumes right after it was requested; a denied one
     * tries the finished run of {@link #prepare}, which keeps its status.
     */
    private static void cancelRun(SystemStack stack, RoleMatrixCalls calls, int expected) {
        if (expected == 200) {
            String policy = ("cancel_" + calls.caller().suffix()).replace('-', '_');
            String runId = RoleMatrixCalls.awaitAccepted(stack, DemoUser.ADMIN,
                    RoleMatrixCalls.runRequest(coveredSetId, policy, true, PROJECT));
            Response r = calls.spec().post("/api/v1/runs/" + runId + "/cancel");
            check(r, expected);
            assertThat(r.jsonPath().getString("status")).isEqualTo("CANCELLED");
            return;
        }
        String before = stack.as(DemoUser.ADMIN).get("/api/v1/runs/" + otherTenantRunId).path("status");
        check(calls.spec().post("/api/v1/runs/" + otherTenantRunId + "/cancel"), expected);
        assertThat(stack.as(DemoUser.ADMIN).get("/api/v1/runs/" + otherTenantRunId).<String>path("status"))
                .isEqualTo(before);
    }

    /** The exact status; a 401 or 403 comes as a problem body naming that status. */
    static void check(Response response, int expected) {
        assertThat(response.statusCode()).as("status, body %s", response.asString()).isEqualTo(expected);
        if (expected == 401 || expected == 403 || expected == 404) {
            assertThat(response.contentType()).as("content type of a %s", expected).startsWith(PROBLEM);
            assertThat(response.jsonPath().getInt("status")).isEqualTo(expected);
            assertThat(response.jsonPath().getString("title")).isNotBlank();
        }
    }

    // ---- tenant isolation

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantUsers")
    void tenantUserListsOnlyItsTenantsData(DemoUser user, SystemStack stack) throws Exception {
        Set<String> tenants = Set.copyOf(user.tenants());
        JsonPath me = stack.as(user).get("/api/v1/me").then().statusCode(200).extract().jsonPath();
        assertThat(me.getList("tenants", String.class)).containsExactlyInAnyOrderElementsOf(tenants);
        assertThat(me.getBoolean("allTenants")).isFalse();

        Set<String> volumeProjects = RoleMatrixCalls.allVolumes(stack, user).stream()
                .map(v -> (String) v.get("projectId")).collect(Collectors.toSet());
        assertThat(volumeProjects).as("projects of the volumes %s lists", user.username()).isEqualTo(tenants);
        stack.as(user).queryParam("projectId", PROJECT).get("/api/v1/volumes").then().statusCode(403)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("detail", org.hamcrest.Matchers.containsString(PROJECT));
        assertThat(stack.as(DemoUser.ADMIN).queryParam("projectId", PROJECT).queryParam("limit", 100)
                .get("/api/v1/volumes").then().statusCode(200).extract().jsonPath().getList("items"))
                .hasSize(SystemStack.VOLUMES_PER_PROJECT);

        List<Map<String, Object>> runs = stack.as(user).queryParam("limit", 500).get("/api/v1/runs").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(runs).allSatisfy(run -> assertThat(run.get("tenants") == null
                || ((List<?>) run.get("tenants")).stream().anyMatch(tenants::contains))
                .as("run %s of tenants %s", run.get("id"), run.get("tenants")).isTrue());
        assertThat(runs).extracting(run -> run.get("id")).contains(tenantRunId).doesNotContain(otherTenantRunId);
        assertThat(stack.as(DemoUser.ADMIN).queryParam("limit", 500).get("/api/v1/runs").then().statusCode(200)
                .extract().jsonPath().getList("items.id")).contains(tenantRunId, otherTenantRunId);

        List<Map<String, Object>> records = stack.as(user).queryParam("limit", 500).get("/api/v1/records").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(tenants).contains(
                (String) Fixtures.at(r, "tenant.projectId")));
        assertThat(records).extracting(r -> r.get("runId")).contains(tenantRunId).doesNotContain(otherTenantRunId);
        assertThat(stack.as(user).queryParam("runId", otherTenantRunId).get("/api/v1/records").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        assertThat(stack.as(DemoUser.ADMIN).queryParam("runId", otherTenantRunId).get("/api/v1/records").then()
                .statusCode(200).extract().jsonPath().getList("items")).isNotEmpty();
        check(stack.as(user).queryParam("projectId", PROJECT).get("/api/v1/records"), 403);

        Response export = stack.as(user).accept("text/csv").get("/api/v1/records/export");
        export.then().statusCode(200);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.asString())).getRecords();
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(tenants).contains(row.get("projectId")));

        List<String> statisticsTenants = stack.as(user).get("/api/v1/statistics").then().statusCode(200).extract()
                .jsonPath().getList("byTenant.projectId", String.class);
        assertThat(statisticsTenants).isNotEmpty().allSatisfy(p -> assertThat(tenants).contains(p));
        assertThat(stack.as(DemoUser.ADMIN).get("/api/v1/statistics").then().statusCode(200).extract().jsonPath()
                .getList("byTenant.projectId", String.class)).contains(PROJECT);

        List<Map<String, Object>> compliance = RoleMatrixCalls.allCompliance(stack, user);
        assertThat(compliance).isNotEmpty().allSatisfy(c -> assertThat(tenants).contains((String) c.get("projectId")));
        assertThat(compliance.stream().map(c -> (String) c.get("projectId")).collect(Collectors.toSet()))
                .isEqualTo(tenants);
        check(stack.as(user).queryParam("projectId", PROJECT).get("/api/v1/compliance"), 403);
        assertThat(stack.as(DemoUser.ADMIN).queryParam("projectId", PROJECT).get("/api/v1/compliance").then()
                .statusCode(200).extract().jsonPath().getList("items")).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantUsers")
    void tenantUserCannotReachAnotherTenantsObjects(DemoUser user, SystemStack stack) {
        String volumeId = (String) projectVolumes.get(40).get("id");
        check(stack.as(user).get("/api/v1/runs/" + otherTenantRunId), 404);
        check(stack.as(user).get("/api/v1/volumes/" + volumeId + "/effective-policy"), 404);
        check(stack.as(user).get("/api/v1/records/" + otherTenantRecordId), 404);
        stack.as(DemoUser.ADMIN).get("/api/v1/runs/" + otherTenantRunId).then().statusCode(200);
        stack.as(DemoUser.ADMIN).get("/api/v1/volumes/" + volumeId + "/effective-policy").then().statusCode(200);
        stack.as(DemoUser.ADMIN).get("/api/v1/records/" + otherTenantRecordId).then().statusCode(200);

        if (user.role().equals("operator")) {
            check(stack.as(user).body(RoleMatrixCalls.runRequest(coveredSetId, "records", true, PROJECT))
                    .post("/api/v1/runs"), 403);
            check(stack.as(user).body(Map.of("volumeId", volumeId, "projectId", PROJECT, "reason", "not mine"))
                    .post("/api/v1/exclusions"), 403);
            check(stack.as(user).body(Map.of("volumeId", volumeId, "projectId", PROJECT, "policySetId", coveredSetId))
                    .post("/api/v1/assignments"), 403);
            stack.as(DemoUser.ADMIN).get("/api/v1/exclusions/" + volumeId).then().statusCode(404);
            stack.as(DemoUser.ADMIN).get("/api/v1/assignments/" + volumeId).then().statusCode(404);
        }
    }
}
