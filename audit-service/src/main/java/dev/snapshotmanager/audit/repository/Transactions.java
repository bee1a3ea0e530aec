package dev.snapshotmanager.audit.repository;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Work in one transaction on a connection of its own: committed when the work returns, rolled back when it throws. */
public final class Transactions {

    /** Work on a connection whose transaction {@link #inOne} owns. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private Transactions() {
    }

    public static <T> T inOne(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
