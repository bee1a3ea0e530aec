package dev.snapshotmanager.audit.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.snapshotmanager.audit.config.AuditConfig;
import dev.snapshotmanager.audit.domain.AuditRecord;
import dev.snapshotmanager.audit.domain.RecordFilter;
import dev.snapshotmanager.audit.domain.SortOrder;
import dev.snapshotmanager.audit.repository.RecordCsv;
import dev.snapshotmanager.audit.repository.RecordReader;
import dev.snapshotmanager.audit.repository.SqlConditions;
import dev.snapshotmanager.audit.service.TenantScope;
import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Exports every matching record, streamed as it is read: CSV from PostgreSQL's binary {@code COPY ... TO STDOUT},
 * NDJSON row by row from a database cursor. Memory stays flat for millions of rows.
 */
@Path("/api/v1/records/export")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Records")
@SecurityRequirement(name = "bearer")
public class ExportResource {

    private static final Logger LOG = Logger.getLogger(ExportResource.class);
    private static final int BUFFER = 256 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The export formats. */
    enum Format {
        CSV("text/csv; charset=UTF-8", "csv"), NDJSON("application/x-ndjson", "ndjson");

        final String mediaType;
        final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    @Inject
    RecordReader reader;

    @Inject
    TenantScope scope;

    @Inject
    AuditConfig config;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(summary = "Export records as CSV or NDJSON",
            description = "Every filter of GET /records; all matching records, streamed (no paging). CSV is RFC 4180 "
                    + "with a header row; the file name is in Content-Disposition.")
    @APIResponse(responseCode = "200", description = "The records",
            content = {@Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson")})
    @APIResponse(responseCode = "400", description = "A filter or the format cannot be read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a viewer, or a project outside the token's tenants",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Filters make no sense",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@BeanParam RecordQueryParams filters,
            @QueryParam("format") @Parameter(description = "csv (default) or ndjson") String format,
            @QueryParam("sort") @Parameter(description = "asc (default: oldest first) or desc") String sort) {
        FilterParser parser = new FilterParser();
        RecordFilter filter = parser.filter(filters);
        Format chosen = parser.choice("format", format, Format.class, Format.CSV);
        SortOrder order = parser.choice("sort", sort, SortOrder.class, SortOrder.ASC);
        parser.check();
        SqlConditions conditions = scope.conditions(filter);
        String filename = "snapshot-records-" + STAMP.format(Instant.now()) + "." + chosen.extension;
        StreamingOutput body = out -> {
            try {
                long rows = chosen == Format.CSV ? csv(conditions, order, out) : ndjson(conditions, order, out);
                LOG.debugf("Exported %d records as %s", rows, chosen);
            } catch (java.io.IOException e) {
                throw e;
            } catch (Exception e) {
                LOG.errorf(e, "Export failed after the response started; the client gets a truncated file");
                throw new java.io.IOException("export failed", e);
            }
        };
        return Response.ok(body, chosen.mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }

    /** The header row, then the rows as the binary COPY of the records arrives (written in large chunks). */
    private long csv(SqlConditions conditions, SortOrder order, OutputStream out) throws Exception {
        out.write(RecordCsv.HEADER_ROW.getBytes(StandardCharsets.UTF_8));
        return reader.copyCsv(conditions, order, out);
    }

    private long ndjson(SqlConditions conditions, SortOrder order, OutputStream out) throws Exception {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
        ObjectWriter json = mapper.writerFor(AuditRecord.class);
        long rows = reader.stream(conditions, order, config.export().fetchSize(), record -> {
            writer.write(json.writeValueAsString(record));
            writer.write('\n');
        });
        writer.flush();
        return rows;
    }
}
