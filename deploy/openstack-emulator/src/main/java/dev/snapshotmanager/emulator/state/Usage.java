package dev.snapshotmanager.emulator.state;

/** What a project consumes: volumes and snapshots, their gigabytes (shared by both in Cinder's quota). */
public record Usage(long volumes, long volumeGigabytes, long snapshots, long snapshotGigabytes) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public long gigabytes() {
        return volumeGigabytes + snapshotGigabytes;
    }

    Usage plusVolume(int size, int sign) {
        return new Usage(volumes + sign, volumeGigabytes + (long) sign * size, snapshots, snapshotGigabytes);
    }

    Usage plusSnapshot(int size, int sign) {
        return new Usage(volumes, volumeGigabytes, snapshots + sign, snapshotGigabytes + (long) sign * size);
    }
}
