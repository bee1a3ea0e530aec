package dev.snapshotmanager.audit.repository;

/**
 * How a column's value travels in PostgreSQL's binary COPY format: text as UTF-8 bytes, an instant ({@code
 * timestamptz}) as microseconds since 2000-01-01 UTC, a UUID as its 16 bytes, a boolean as one byte, integers as 4 or
 * 8 big-endian bytes.
 */
public enum CopyType {
    TEXT("text[]"), INSTANT("timestamptz[]"), UUID("uuid[]"), BOOLEAN("boolean[]"), INT4("integer[]"), INT8("bigint[]");

    private final String sqlArray;

    CopyType(String sqlArray) {
        this.sqlArray = sqlArray;
    }

    /** The SQL array type of values of this type. */
    public String sqlArray() {
        return sqlArray;
    }
}
