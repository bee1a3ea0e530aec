package dev.snapshotmanager.common.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Path and query parameters with a NUL character ({@code %00}) are a 400 naming the parameter ({@link NulCharacters}). */
public class NulParameters {

    @ServerRequestFilter
    public void refuseNul(ContainerRequestContext request) {
        check("path parameter", request.getUriInfo().getPathParameters());
        check("query parameter", request.getUriInfo().getQueryParameters());
    }

    private static void check(String kind, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (NulCharacters.in(p.getKey()) || p.getValue().stream().anyMatch(NulCharacters::in)) {
                throw NulCharacters.refused(kind, p.getKey());
            }
        }
    }
}
