package dev.snapshotmanager.emulator.state;

/** A create would go over a quota: {@code resource} is {@code gigabytes} or {@code snapshots}. */
public class QuotaExceededException extends RuntimeException {

    private final String resource;
    private final long limit;
    private final long requested;
    private final long consumed;

    public QuotaExceededException(String resource, long limit, long requested, long consumed) {
        super(resource + " quota exceeded", null, false, false);
        this.resource = resource;
        this.limit = limit;
        this.requested = requested;
        this.consumed = consumed;
    }

    public String resource() {
        return resource;
    }

    public long limit() {
        return limit;
    }

    public long requested() {
        return requested;
    }

    public long consumed() {
        return consumed;
    }
}
