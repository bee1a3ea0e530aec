package dev.snapshotmanager.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Points a {@code @QuarkusTest} application at a fresh database on the JVM's one real PostgreSQL server
 * ({@link TestPostgres}). The service's own Flyway migrations then create its schema.
 *
 * <p>Init arg {@code database}: the database name (default: a random one). It is dropped and created again at
 * every application start, so each test profile starts from an empty database.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    @Override
    public Map<String, String> start() {
        TestPostgres postgres = TestPostgres.get();
        String url = postgres.freshDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        // The server outlives the application: other test classes of this JVM use it too.
    }
}
