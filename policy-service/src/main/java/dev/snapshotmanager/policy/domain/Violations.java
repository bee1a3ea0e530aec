package dev.snapshotmanager.policy.domain;

import dev.snapshotmanager.common.problem.Problem;
import dev.snapshotmanager.common.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Collects field errors of a request and fails with one 422 problem that lists them all. */
public final class Violations {

    /** Names of sets, policies and rules. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");

    /** The longest description: it is shown in lists and carried in every policy change event. */
    public static final int MAX_TEXT = 1000;

    private final List<Problem.Violation> list = new ArrayList<>();

    public Violations add(String field, String message) {
        list.add(new Problem.Violation(field, message));
        return this;
    }

    public Violations add(String field, Optional<String> message) {
        message.ifPresent(m -> add(field, m));
        return this;
    }

    public Violations name(String field, String value) {
        if (value == null) {
            return add(field, "must not be null");
        }
        if (!NAME.matcher(value).matches()) {
            add(field, "must match [a-z0-9_-]{1,64}");
        }
        return this;
    }

    /** Free text (a description) of at most {@link #MAX_TEXT} characters; absent is fine. */
    public Violations text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            add(field, "must be at most " + MAX_TEXT + " characters");
        }
        return this;
    }

    public Violations range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, "must be between " + min + " and " + max);
        }
        return this;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<Problem.Violation> list() {
        return List.copyOf(list);
    }

    /** Throws 422 with every collected violation, if there is any. */
    public void throwIfAny(String detail) {
        if (!list.isEmpty()) {
            throw ProblemException.unprocessable(detail, list());
        }
    }
}
