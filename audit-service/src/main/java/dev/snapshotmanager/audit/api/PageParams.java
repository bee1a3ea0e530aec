package dev.snapshotmanager.audit.api;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Paging and order of record lists. */
public class PageParams {

    @QueryParam("limit")
    @Parameter(description = "Page size, 1..1000 (default 50)")
    public String limit;

    @QueryParam("cursor")
    @Parameter(description = "nextCursor of the previous page")
    public String cursor;

    @QueryParam("sort")
    @Parameter(description = "desc (newest first, default) or asc")
    public String sort;

    @QueryParam("includeTotal")
    @Parameter(description = "true: also count the matching records, up to a cap (totalCapped tells when reached)")
    public String includeTotal;
}
