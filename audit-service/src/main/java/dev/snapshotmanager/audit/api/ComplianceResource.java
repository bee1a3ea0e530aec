package dev.snapshotmanager.audit.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.snapshotmanager.audit.domain.ComplianceEntry;
import dev.snapshotmanager.audit.domain.ComplianceKey;
import dev.snapshotmanager.audit.domain.ComplianceStatus;
import dev.snapshotmanager.audit.service.ComplianceService;
import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Compliance per volume and policy, its summary per tenant and policy, and its CSV export. */
@Path("/api/v1/compliance")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Compliance")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "A filter cannot be read (unknown status, bad UUID, bad cursor)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a viewer, or a project outside the token's tenants",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ComplianceResource {

    private static final String[] HEADER = {"volumeId", "volumeName", "projectId", "projectName", "domainName",
        "serverName", "policySetId", "policySetName", "policyName", "status", "source", "intervalSeconds",
        "lastSnapshotAt", "lastAttemptAt", "lastAttemptAction", "reason", "excludedUntil", "resolvedAt"};

    @Inject
    ComplianceService compliance;

    /** A page of compliance entries. */
    public record CompliancePage(List<ComplianceEntry> items, String nextCursor) {
    }

    /** Counts by status, overall, per tenant and per policy, and the distinct volumes behind them. */
    public record ComplianceSummary(long total, Map<String, Long> byStatus, List<Group> byTenant, List<Group> byPolicy,
            Volumes volumes) {
    }

    /**
     * Distinct volumes among the evaluated entries: protected when at least one of its policies is not excluded,
     * excluded when every policy it has is excluded, uncovered when it has none.
     */
    public record Volumes(long total, @JsonProperty("protected") long isProtected, long excluded, long uncovered) {

        static Volumes of(List<ComplianceEntry> entries) {
            Map<String, List<ComplianceStatus>> byVolume = entries.stream().collect(Collectors.groupingBy(
                    ComplianceEntry::volumeId, Collectors.mapping(ComplianceEntry::status, Collectors.toList())));
            long uncovered = byVolume.values().stream().filter(s -> s.contains(ComplianceStatus.UNCOVERED)).count();
            long excluded = byVolume.values().stream()
                    .filter(s -> s.stream().allMatch(ComplianceStatus.EXCLUDED::equals)).count();
            return new Volumes(byVolume.size(), byVolume.size() - uncovered - excluded, excluded, uncovered);
        }
    }

    /** One tenant's or policy's counts by status. */
    public record Group(String projectId, String projectName, String policySetId, String policyName, long total,
            Map<String, Long> byStatus) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Compliance per volume and policy",
            description = "Statuses COMPLIANT, MISSING, PENDING, QUOTA_BLOCKED, EXCLUDED, UNCOVERED; ordered by volume id,"
                    + " policy set id and policy name."
                    + " Expected policies are policy-service's resolution of the volume when audit-service has one"
                    + " (source = the deciding step, with reason, excludedUntil and resolvedAt), inferred otherwise"
                    + " (source RECORDS, METADATA, AUTO_APPLY or NONE, resolvedAt null).")
    @APIResponse(responseCode = "200", description = "A page of entries",
            content = @Content(schema = @Schema(implementation = CompliancePage.class)))
    @APIResponse(responseCode = "422", description = "limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompliancePage list(@QueryParam("projectId") List<String> projectId, @QueryParam("policy") String policy,
            @QueryParam("policySetId") String policySetId,
            @QueryParam("status") @Parameter(description = "one or several, comma-separated or repeated") List<String> status,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        FilterParser parser = new FilterParser();
        ComplianceService.Query query = query(parser, projectId, policy, policySetId, status);
        int size = parser.integer("limit", limit, 100, 1, 1000);
        parser.check();
        ComplianceKey after = decodeCursor(cursor);
        // the entries come sorted by their key, and the cursor compares with the same key
        List<ComplianceEntry> entries = compliance.evaluate(query).stream()
                .filter(e -> after == null || e.key().compareTo(after) > 0).limit(size + 1L).toList();
        String next = null;
        if (entries.size() > size) {
            entries = entries.subList(0, size);
            next = entries.get(size - 1).key().encode();
        }
        return new CompliancePage(entries, next);
    }

    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Compliance counts by status, per tenant and per policy",
            description = "volumes counts the distinct volumes behind the entries: protected (at least one policy that"
                    + " is not excluded), excluded (every policy excluded) and uncovered (no policy).")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(schema = @Schema(implementation = ComplianceSummary.class)))
    public ComplianceSummary summary(@QueryParam("projectId") List<String> projectId, @QueryParam("policy") String policy,
            @QueryParam("policySetId") String policySetId, @QueryParam("status") List<String> status) {
        FilterParser parser = new FilterParser();
        ComplianceService.Query query = query(parser, projectId, policy, policySetId, status);
        parser.check();
        List<ComplianceEntry> entries = compliance.evaluate(query);
        Map<String, Long> byStatus = count(entries);
        List<Group> byTenant = entries.stream().collect(Collectors.groupingBy(ComplianceEntry::projectId, TreeMap::new,
                Collectors.toList())).values().stream().map(group -> new Group(group.get(0).projectId(),
                        group.get(0).projectName(), null, null, group.size(), count(group))).toList();
        List<Group> byPolicy = entries.stream().filter(e -> e.policyName() != null)
                .collect(Collectors.groupingBy(e -> e.policySetId() + "|" + e.policyName(), TreeMap::new,
                        Collectors.toList())).values().stream().map(group -> new Group(null, null,
                        String.valueOf(group.get(0).policySetId()), group.get(0).policyName(), group.size(), count(group)))
                .toList();
        return new ComplianceSummary(entries.size(), byStatus, byTenant, byPolicy, Volumes.of(entries));
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(summary = "Compliance entries as RFC 4180 CSV with a header row",
            description = "Columns: the fields of a compliance entry, in the order of the list's items.")
    @APIResponse(responseCode = "200", description = "The CSV file", content = @Content(mediaType = "text/csv"))
    public Response export(@QueryParam("projectId") List<String> projectId, @QueryParam("policy") String policy,
            @QueryParam("policySetId") String policySetId, @QueryParam("status") List<String> status) {
        FilterParser parser = new FilterParser();
        ComplianceService.Query query = query(parser, projectId, policy, policySetId, status);
        parser.check();
        List<ComplianceEntry> entries = compliance.evaluate(query);
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(writer);
            for (ComplianceEntry e : entries) {
                csv.printRecord(e.volumeId(), e.volumeName(), e.projectId(), e.projectName(), e.domainName(),
                        e.serverName(), e.policySetId(), e.policySetName(), e.policyName(), e.status(), e.source(),
                        e.intervalSeconds(), e.lastSnapshotAt(), e.lastAttemptAt(), e.lastAttemptAction(), e.reason(),
                        e.excludedUntil(), e.resolvedAt());
            }
            csv.flush();
        };
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"compliance-" + stamp + ".csv\"").build();
    }

    private static ComplianceService.Query query(FilterParser parser, List<String> projectId, String policy,
            String policySetId, List<String> status) {
        Set<ComplianceStatus> statuses = EnumSet.noneOf(ComplianceStatus.class);
        for (String name : split(status)) {
            ComplianceStatus parsed = parser.choice("status", name, ComplianceStatus.class, null);
            if (parsed != null) {
                statuses.add(parsed);
            }
        }
        // the text filters go through the same reading as the record filters (a NUL character is a 400)
        return new ComplianceService.Query(parser.texts("projectId", split(projectId)), parser.text("policy", policy),
                parser.uuid("policySetId", policySetId), statuses);
    }

    private static ComplianceKey decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        return ComplianceKey.decode(cursor).orElseThrow(
                () -> dev.snapshotmanager.common.problem.ProblemException.badRequest("cursor is not valid"));
    }

    private static Map<String, Long> count(List<ComplianceEntry> entries) {
        return entries.stream().collect(Collectors.groupingBy(e -> e.status().name(), TreeMap::new, Collectors.counting()));
    }

    private static List<String> split(List<String> values) {
        return values == null ? List.of() : values.stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
