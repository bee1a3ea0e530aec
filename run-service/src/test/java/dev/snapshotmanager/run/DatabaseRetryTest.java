package dev.snapshotmanager.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshotmanager.common.messaging.DatabaseRetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What {@link DatabaseRetry}'s guards do with each kind of failure, in the running application. */
@QuarkusTest
class DatabaseRetryTest {

    @Inject
    DatabaseRetry retry;

    @Inject
    MeterRegistry registry;

    @Test
    void databaseTroubleIsRepeatedUntilTheWorkIsTakenAndCounted() throws Exception {
        AtomicInteger attempts = new AtomicInteger();

        String result = retry.call("test-trouble", () -> {
            if (attempts.incrementAndGet() <= 4) {
                throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
            }
            return "taken";
        }, String.class);

        assertThat(result).isEqualTo("taken");
        assertThat(attempts).hasValue(5);
        assertThat(retries("test-trouble")).isEqualTo(4);
    }

    @Test
    void badDataIsPassedOnAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run("test-bad-data", () -> {
            attempts.incrementAndGet();
            throw new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        })).isInstanceOf(SQLException.class);

        assertThat(attempts).hasValue(1);
        assertThat(retries("test-bad-data")).isZero();
    }

    @Test
    void otherFailuresAndUniqueViolationsAreTriedThreeTimes() {
        AtomicInteger bug = new AtomicInteger();
        AtomicInteger race = new AtomicInteger();

        assertThatThrownBy(() -> retry.run("test-other", () -> {
            bug.incrementAndGet();
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> retry.run("test-other", () -> {
            race.incrementAndGet();
            throw new SQLException("duplicate key value violates unique constraint", "23505");
        })).isInstanceOf(SQLException.class);

        assertThat(bug).hasValue(DatabaseRetry.OTHER_ATTEMPTS);
        assertThat(race).hasValue(DatabaseRetry.OTHER_ATTEMPTS);
        assertThat(retries("test-other")).isZero();
    }

    private double retries(String work) {
        Counter counter = registry.find("snapshot.database.retries").tag("work", work).counter();
        return counter == null ? 0 : counter.count();
    }
}
