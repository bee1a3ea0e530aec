package dev.snapshotmanager.worker.client;

/** A project's Cinder snapshot-count and gigabytes quota with usage ({@code os-quota-sets/{p}?usage=true}). */
public record QuotaUsage(String projectId, Limit snapshots, Limit gigabytes) {

    /** One quota: {@code limit} -1 means unlimited. */
    public record Limit(int limit, int inUse, int reserved) {

        /** What is left, {@link Long#MAX_VALUE} when unlimited, never negative. */
        public long room() {
            return limit < 0 ? Long.MAX_VALUE : Math.max(0, (long) limit - inUse - reserved);
        }
    }
}
