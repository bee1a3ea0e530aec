package dev.snapshotmanager.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServersExtension.class)
class TestPostgresTest {

    @Test
    void isARealPostgreSqlServer(TestPostgres postgres) throws SQLException {
        try (Connection c = connect(postgres, postgres.freshDatabase("proof_version"));
                ResultSet rs = c.createStatement().executeQuery("select version()")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("PostgreSQL 17.");
        }
    }

    @Test
    void appliesAMigrationAndRoundTripsARow(TestPostgres postgres) throws SQLException {
        String url = postgres.freshDatabase("proof_rows");
        Flyway.configure().dataSource(url, postgres.user(), postgres.password())
                .locations("classpath:db/proof").load().migrate();
        OffsetDateTime takenAt = OffsetDateTime.of(2026, 3, 29, 1, 30, 0, 0, ZoneOffset.UTC);
        try (Connection c = connect(postgres, url)) {
            try (PreparedStatement insert = c.prepareStatement("insert into proof values (?, ?, ?)")) {
                insert.setLong(1, 7);
                insert.setString(2, "auto-p1-daily_5-vm-vol-20260329-013000");
                insert.setObject(3, takenAt);
                insert.executeUpdate();
            }
            try (ResultSet rs = c.createStatement().executeQuery("select name, taken_at from proof where id = 7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("auto-p1-daily_5-vm-vol-20260329-013000");
                assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(takenAt.toInstant());
            }
        }
    }

    @Test
    void freshDatabaseStartsEmptyEveryTime(TestPostgres postgres) throws SQLException {
        String url = postgres.freshDatabase("proof_fresh");
        try (Connection c = connect(postgres, url)) {
            c.createStatement().execute("create table leftover (id int)");
        }
        postgres.freshDatabase("proof_fresh");
        try (Connection c = connect(postgres, url);
                ResultSet rs = c.createStatement().executeQuery("select count(*) from pg_tables where tablename = 'leftover'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlain(TestPostgres postgres) {
        assertThatThrownBy(() -> postgres.freshDatabase("x; drop database postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isOneServerPerJvm(TestPostgres postgres) {
        assertThat(TestPostgres.get().jdbcUrl("a")).isEqualTo(postgres.jdbcUrl("a"));
    }

    private static Connection connect(TestPostgres postgres, String url) throws SQLException {
        return DriverManager.getConnection(url, postgres.user(), postgres.password());
    }
}
