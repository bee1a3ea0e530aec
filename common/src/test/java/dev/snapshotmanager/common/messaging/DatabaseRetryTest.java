package dev.snapshotmanager.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseRetryTest {

    @Test
    void aRefusedOrBrokenConnectionIsDatabaseTroubleWhereverItSitsInTheChain() {
        SQLException refused = new SQLException("database \"audit\" is not currently accepting connections", "55000");
        SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");

        assertThat(DatabaseRetry.isDatabaseTrouble(refused)).isTrue();
        assertThat(DatabaseRetry.isDatabaseTrouble(new IllegalStateException("wrapped", broken))).isTrue();
        assertThat(DatabaseRetry.isDatabaseTrouble(new SQLException("driver without a state"))).isTrue();
        assertThat(DatabaseRetry.isDataError(refused)).isFalse();
    }

    @Test
    void aFailedCommitIsDatabaseTrouble() {
        assertThat(DatabaseRetry.isDatabaseTrouble(new RuntimeException(new RollbackException("Could not commit"))))
                .isTrue();
    }

    @Test
    void aDataErrorIsBadDataNotDatabaseTrouble() {
        SQLException nul = new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");

        assertThat(DatabaseRetry.isDataError(new IllegalStateException(nul))).isTrue();
        assertThat(DatabaseRetry.isBadData(new IllegalStateException(nul))).isTrue();
        assertThat(DatabaseRetry.isDatabaseTrouble(new IllegalStateException(nul))).isFalse();
    }

    @Test
    void aValueTooLargeForAnIndexIsBadDataNotDatabaseTrouble() {
        SQLException tooLarge = new SQLException(
                "index row size 4016 exceeds btree version 4 maximum 2704 for index \"run_volume_outcome_pkey\"",
                "54000");

        assertThat(DatabaseRetry.isDatabaseTrouble(new IllegalStateException(tooLarge))).isFalse();
        RollbackException commitRefused = new RollbackException("Could not commit");
        commitRefused.initCause(tooLarge);
        assertThat(DatabaseRetry.isDatabaseTrouble(new RuntimeException(commitRefused))).isFalse();
        assertThat(DatabaseRetry.isBadData(new IllegalStateException(tooLarge))).isTrue();
        assertThat(DatabaseRetry.isDataError(tooLarge)).isTrue();
    }

    @Test
    void aUniqueViolationIsARaceMoreOftenThanBadData() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(DatabaseRetry.isDataError(duplicate)).isTrue();
        assertThat(DatabaseRetry.isDatabaseTrouble(duplicate)).isFalse();
        assertThat(DatabaseRetry.isBadData(new RuntimeException(duplicate))).isFalse();
        assertThat(DatabaseRetry.isBadData(new SQLException("null value in column", "23502"))).isTrue();
    }

    @Test
    void otherFailuresAreNotDatabaseTrouble() {
        assertThat(DatabaseRetry.isDatabaseTrouble(new NullPointerException())).isFalse();
        assertThat(DatabaseRetry.isDatabaseTrouble(new IllegalArgumentException("no such run"))).isFalse();
        assertThat(DatabaseRetry.isDataError(new NullPointerException())).isFalse();
        assertThat(DatabaseRetry.isBadData(new NullPointerException())).isFalse();
    }

    @Test
    void aRefusedValueIsADataExceptionOrALimitNotAConstraint() {
        SQLException outOfRange = new SQLException("timestamp out of range", "22008");
        SQLException tooLarge = new SQLException("index row size 6016 exceeds btree version 4 maximum 2704", "54000");
        assertThat(DatabaseRetry.isRefusedValue(new RuntimeException(new RuntimeException(outOfRange)))).isTrue();
        assertThat(DatabaseRetry.isRefusedValue(tooLarge)).isTrue();
        assertThat(DatabaseRetry.isRefusedValue(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseRetry.isRefusedValue(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(DatabaseRetry.isRefusedValue(new NullPointerException())).isFalse();
    }
}
