package dev.snapshotmanager.policy.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small builder for filtered HQL queries with named parameters; a null value skips its condition. */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    /** Adds {@code condition} (using {@code :name}) when {@code value} is not null. */
    public Where and(String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.put(name, value);
        }
        return this;
    }

    /** Adds a condition without parameters. */
    public Where and(String condition) {
        conditions.add(condition);
        return this;
    }

    /** Adds a condition with two parameters (keyset cursors). */
    public Where and(String condition, String name1, Object value1, String name2, Object value2) {
        conditions.add(condition);
        params.put(name1, value1);
        params.put(name2, value2);
        return this;
    }

    public String query(String orderBy) {
        return (conditions.isEmpty() ? "" : String.join(" and ", conditions)) + " order by " + orderBy;
    }

    public Map<String, Object> params() {
        return params;
    }
}
