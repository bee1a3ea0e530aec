package dev.snapshotmanager.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.snapshotmanager.common.messaging.DatabaseRetry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one set of exception mappers every service shares: every error leaves as {@code application/problem+json}.
 * Services feed them with {@link ProblemException}s; nothing builds error bodies inline.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .collect(Collectors.toList());
        return respond(new Problem(null, "Bad Request", 400, "The request is not valid", path(uri), violations, null));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String detail = "The request body is not valid JSON";
        if (e instanceof InvalidFormatException f && !f.getPath().isEmpty()) {
            detail = "Field '" + jsonPath(f) + "' has an invalid value";
        } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            detail = "Field '" + jsonPath(m) + "' has the wrong type";
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            detail = "Field '" + jsonPath(m) + "' has an invalid value"; // e.g. refused by the type's own creator
        }
        return respond(new Problem(null, "Bad Request", 400, detail, path(uri), null, null));
    }

    /**
     * The same for a body of the wrong JSON type or an unknown enum value: Quarkus's own mapper of this exception,
     * which matched it more closely than {@link #unreadable}, answered {@code application/json} or no body at all.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(new Problem(null, "Unauthorized", 401, "A valid bearer token is required", path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return respond(new Problem(null, "Unauthorized", 401, "A valid bearer token is required", path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(null, "Forbidden", 403, "Your roles or tenants do not allow this", path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() == 400 && e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri); // Quarkus REST's JSON reader wraps what a type's own creator refused
        }
        if (status.getStatusCode() == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS answers a path or query parameter it cannot convert (limit=abc, not a UUID, an unknown enum
            // value) with a 404 caused by the conversion's exception: that is bad input, not a missing resource
            return respond(new Problem(null, "Bad Request", 400, "A path or query parameter has a value that cannot be"
                    + " read (a number, UUID or listed value was expected)", path(uri), null, null));
        }
        String detail = status.getStatusCode() == 404 ? "No resource at this path" : status.getReasonPhrase();
        return respond(new Problem(null, status.getReasonPhrase(), status.getStatusCode(), detail, path(uri), null, null));
    }

    /**
     * Anything else is a 500, but for a value of the request PostgreSQL refused and no check caught (SQLSTATE class
     * 22, e.g. a time beyond its range, or 54, a value too large for an index row): a 400, and the request changed
     * nothing (its transaction is rolled back).
     */
    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseRetry.isRefusedValue(e)) {
            LOG.infof("Input refused by the database on %s: %s", path(uri), e.getMessage());
            return respond(new Problem(null, "Bad Request", 400,
                    "A value of the request cannot be stored (too large, or out of range)", path(uri), null, null));
        }
        LOG.errorf(e, "Unexpected error on %s", path(uri));
        return respond(new Problem(null, "Internal Server Error", 500,
                "An unexpected error occurred; it has been logged", path(uri), null, null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** {@code create.arg0.policies[0].cron} -> {@code policies[0].cron}: the method and argument are noise. */
    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
