package dev.snapshotmanager.run.api;

import dev.snapshotmanager.common.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path and query parameters may not hold a NUL character ({@code %00}): PostgreSQL refuses it in text (SQLSTATE
 * 22021), so a filter or an id with one could only fail, and failed as a 500. A 400 names the parameter instead.
 */
public class TextParameters {

    /** Whether a string holds a character PostgreSQL cannot store in text. */
    public static boolean hasNul(String value) {
        return value != null && value.indexOf('\u0000') >= 0;
    }

    @ServerRequestFilter
    public void rejectNul(ContainerRequestContext request) {
        check("path parameter", request.getUriInfo().getPathParameters());
        check("query parameter", request.getUriInfo().getQueryParameters());
    }

    private static void check(String kind, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (hasNul(p.getKey()) || p.getValue().stream().anyMatch(TextParameters::hasNul)) {
                throw ProblemException.badRequest(kind + " '" + p.getKey().replace('\u0000', '?')
                        + "' must not contain a NUL character");
            }
        }
    }
}
