package dev.snapshotmanager.run.api;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Two gaps of {@code common}'s {@link ProblemMappers}, closed here until it closes them:
 * <ul>
 * <li>a body of the wrong JSON type or an unknown enum value ({@link MismatchedInputException}) went to Quarkus's
 * built-in mapper, whose 400 was {@code application/json} ({@code {"objectName":"Class",...}}) or had no body;
 * it gets {@code common}'s problem body that names the field;</li>
 * <li>input PostgreSQL cannot store (SQLSTATE class 22, e.g. a timestamp out of its range, or 54, a value too large
 * for an index row) that no check caught was a 500; it is a 400, the request changes nothing.</li>
 * </ul>
 */
public class InputProblems {

    private static final Logger LOG = Logger.getLogger(InputProblems.class);

    private final ProblemMappers common = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return common.unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response runtime(RuntimeException e, UriInfo uri) {
        if (!isBadInput(e)) {
            return common.unexpected(e, uri);
        }
        LOG.infof("Input refused by the database on %s: %s", uri.getPath(), sqlState(e));
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(new Problem(null, "Bad Request", 400,
                "A value of the request cannot be stored (too large, or out of range)",
                "/" + uri.getPath().replaceFirst("^/", ""), null, null)).build();
    }

    /** SQLSTATE class 22 (data exception) or 54 (program limit exceeded) in the cause chain. */
    static boolean isBadInput(Throwable e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("22") || state.startsWith("54"));
    }

    private static String sqlState(Throwable e) {
        return Stream.iterate(e, t -> t != null, t -> t.getCause() == t ? null : t.getCause())
                .filter(SQLException.class::isInstance).map(t -> ((SQLException) t).getSQLState())
                .filter(s -> s != null).findFirst().orElse(null);
    }
}
