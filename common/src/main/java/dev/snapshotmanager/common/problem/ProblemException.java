package dev.snapshotmanager.common.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of the domain exceptions that become problem responses. Services throw subclasses (or these
 * factories) from their domain and service code; one mapper turns them into {@code application/problem+json}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final URI type;
    private final List<Problem.Violation> violations;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.type = URI.create("about:blank");
        this.violations = List.copyOf(violations);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not Found", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String detail, Object conflictingId) {
        return new ProblemException(409, "Conflict", detail).with("conflictingId", String.valueOf(conflictingId));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException unprocessable(String detail, List<Problem.Violation> violations) {
        return new ProblemException(422, "Unprocessable Content", detail, violations);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "Precondition Failed", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    /** Adds an extension member to the problem body (for example the id of the conflicting resource). */
    public ProblemException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, violations, Map.copyOf(extensions));
    }

    public int status() {
        return status;
    }
}
