package dev.snapshotmanager.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem body ({@code application/problem+json}). Never carries a stack trace or a Java class name.
 *
 * @param type       a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title      short, human-readable summary of the kind of problem
 * @param status     the HTTP status
 * @param detail     what went wrong in this occurrence
 * @param instance   the request path
 * @param violations field errors of invalid input
 * @param extensions further members, such as {@code conflictingId} on a 409
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance,
        List<Violation> violations, @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: where it is (e.g. {@code policies[0].cron}) and what is wrong with it. */
    @Schema(name = "Violation")
    public record Violation(String field, String message) {
    }

    @com.fasterxml.jackson.annotation.JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Map<String, Object> extensions() {
        return extensions;
    }
}
