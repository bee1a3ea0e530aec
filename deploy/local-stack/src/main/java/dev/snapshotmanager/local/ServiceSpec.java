package dev.snapshotmanager.local;

import java.util.List;

/**
 * One of the suite's Quarkus services as the local stack runs it.
 *
 * @param name     component name (log file, status line)
 * @param module   Maven module directory
 * @param port     HTTP port (the module's own default; {@link StackSettings#service} gives the configured one)
 * @param database PostgreSQL database of the service, or null when it owns none
 */
public record ServiceSpec(String name, String module, int port, String database) {

    public static final ServiceSpec POLICY = new ServiceSpec("policy-service", "policy-service", 8081, "snapshot_policy");
    public static final ServiceSpec RUN = new ServiceSpec("run-service", "run-service", 8082, "snapshot_run");
    public static final ServiceSpec AUDIT = new ServiceSpec("audit-service", "audit-service", 8083, "snapshot_audit");
    public static final ServiceSpec WORKER = new ServiceSpec("snapshot-worker", "snapshot-worker", 8084, null);
    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway", "gateway", 8080, null);
    public static final ServiceSpec EMULATOR =
            new ServiceSpec("openstack-emulator", "deploy/openstack-emulator-server", 5000, null);

    /** The five services, in start order (the gateway last: it fronts the others). */
    public static final List<ServiceSpec> SERVICES = List.of(POLICY, RUN, AUDIT, WORKER, GATEWAY);

    /** Every component the launcher runs from a quarkus-run.jar: the emulator and the five services. */
    public static final List<ServiceSpec> ALL = List.of(EMULATOR, POLICY, RUN, AUDIT, WORKER, GATEWAY);

    /** The same service on another port. */
    public ServiceSpec withPort(int newPort) {
        return new ServiceSpec(name, module, newPort, database);
    }

    /** Whether this is {@code other}, whatever port either has. */
    public boolean is(ServiceSpec other) {
        return other != null && name.equals(other.name);
    }

    /** The environment variable that moves it, e.g. {@code SNAPSHOT_LOCAL_POLICY_SERVICE_PORT}. */
    public String portVariable() {
        return "SNAPSHOT_LOCAL_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PORT";
    }

    public boolean ownsDatabase() {
        return database != null;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String readinessUrl() {
        return baseUrl() + "/q/health/ready";
    }
}
