package dev.snapshotmanager.audit.api;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The record filters every query endpoint accepts (parsed and checked by {@link FilterParser}). */
public class RecordQueryParams {

    @QueryParam("from")
    @Parameter(description = "Inclusive start: ISO-8601 instant (2026-11-01T00:00:00Z), offset date-time or date (UTC midnight)")
    public String from;

    @QueryParam("to")
    @Parameter(description = "Exclusive end, same formats as from")
    public String to;

    @QueryParam("action")
    @Parameter(description = "One or several actions (repeat the parameter or separate with commas): CREATED, DELETED, "
            + "FAILED, DELETE_FAILED, SKIPPED, QUOTA_BLOCKED, WOULD_CREATE, WOULD_DELETE")
    public List<String> action;

    @QueryParam("projectId")
    @Parameter(description = "Tenant: OpenStack project id (repeatable, any of them)")
    public List<String> projectId;

    @QueryParam("projectName")
    @Parameter(description = "Project name (exact)")
    public String projectName;

    @QueryParam("domainId")
    @Parameter(description = "Keystone domain id")
    public String domainId;

    @QueryParam("domainName")
    @Parameter(description = "Keystone domain name (exact)")
    public String domainName;

    @QueryParam("serverId")
    @Parameter(description = "VM (first attached server) id")
    public String serverId;

    @QueryParam("serverName")
    @Parameter(description = "VM name (exact)")
    public String serverName;

    @QueryParam("volumeId")
    @Parameter(description = "Volume id")
    public String volumeId;

    @QueryParam("volumeName")
    @Parameter(description = "Volume name (exact)")
    public String volumeName;

    @QueryParam("snapshotId")
    @Parameter(description = "Snapshot id")
    public String snapshotId;

    @QueryParam("policySetId")
    @Parameter(description = "Policy set id (UUID)")
    public String policySetId;

    @QueryParam("policy")
    @Parameter(description = "Policy name, e.g. daily_5")
    public String policy;

    @QueryParam("runId")
    @Parameter(description = "Run id (UUID)")
    public String runId;

    @QueryParam("dryRun")
    @Parameter(description = "true: only dry-run records; false: only real ones")
    public String dryRun;

    @QueryParam("q")
    @Parameter(description = "Free text, case-insensitive, inside volume/server/snapshot/project/domain/policy names "
            + "and ids, reasons and errors")
    public String q;
}
