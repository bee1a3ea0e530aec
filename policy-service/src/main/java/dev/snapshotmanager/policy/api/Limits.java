package dev.snapshotmanager.policy.api;

import dev.snapshotmanager.common.problem.ProblemException;
import dev.snapshotmanager.policy.config.PolicyConfig;
import java.util.UUID;

/** Query-parameter checks shared by the list endpoints. */
final class Limits {

    private Limits() {
    }

    static int pageSize(Integer limit, PolicyConfig config) {
        if (limit == null) {
            return config.defaultPageSize();
        }
        if (limit < 1 || limit > config.maxPageSize()) {
            throw ProblemException.badRequest("limit must be between 1 and " + config.maxPageSize());
        }
        return limit;
    }

    static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor is not valid; use the nextCursor of the previous page");
        }
    }
}
