package dev.snapshotmanager.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of audit-service ({@code audit.*}). */
@ConfigMapping(prefix = "audit")
public interface AuditConfig {

    /** Partition maintenance of the records table. */
    Partitions partitions();

    /** Search and listing. */
    Query query();

    /** Streaming exports. */
    Export export();

    /** Compliance evaluation. */
    Compliance compliance();

    interface Partitions {
        /** How many months ahead of the current one the maintenance job keeps partitions ready. */
        @WithDefault("3")
        int monthsAhead();

        /** Months of records to keep (whole monthly partitions are dropped beyond it); 0 keeps everything. */
        @WithDefault("0")
        int retentionMonths();

        /**
         * Longest wait for a lock by partition DDL (attach, detach, drop); past it the step gives up and is repeated
         * at the next maintenance pass (or, for a month an event needs, by the ingest's retry).
         */
        @WithDefault("2s")
        Duration lockTimeout();

        /** Record ids deleted from {@code record_key} per transaction before a month is dropped. */
        @WithDefault("10000")
        int keyDeleteBatch();
    }

    interface Query {
        /** Page size when the request gives no {@code limit}. */
        @WithDefault("50")
        int defaultLimit();

        /** The largest {@code limit} a request may ask for. */
        @WithDefault("1000")
        int maxLimit();

        /** Counting stops here: a requested total above it is reported as capped. */
        @WithDefault("10000")
        int totalCap();

        /** Time range of statistics and timeline when the request gives no {@code from}. */
        @WithDefault("P30D")
        Duration defaultRange();

        /** The most buckets a timeline may return. */
        @WithDefault("2000")
        int maxBuckets();
    }

    interface Export {
        /** Rows the JDBC cursor fetches per round trip while streaming an NDJSON export (CSV comes from COPY). */
        @WithDefault("2000")
        int fetchSize();
    }

    interface Compliance {
        /** Tolerance added to a policy's interval before its newest snapshot counts as missing. */
        @WithDefault("PT1H")
        Duration grace();

        /** How often the {@code snapshot_compliance_volumes} gauge is recomputed (scheduler syntax, e.g. 60s; off). */
        @WithDefault("60s")
        String metricsInterval();

        /** Delay of the gauge's first computation after start. */
        @WithDefault("10s")
        String metricsDelay();

        /**
         * Longest time stored results wait before their fold is merged into the compliance state (and their offsets
         * are committed). A (volume, policy) seen several times within it is merged once.
         */
        @WithDefault("5s")
        Duration foldInterval();

        /** The fold is merged sooner once it holds this many (volume, policy) keys. */
        @WithDefault("50000")
        int foldMaxKeys();
    }
}
