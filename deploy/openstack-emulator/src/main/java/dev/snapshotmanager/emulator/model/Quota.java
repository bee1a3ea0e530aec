package dev.snapshotmanager.emulator.model;

/** Cinder quota limits of one project; -1 means unlimited. */
public record Quota(int volumes, int snapshots, int gigabytes, int backups, int backupGigabytes,
                    int perVolumeGigabytes, int groups) {

    /** Cinder's stock defaults: 10 volumes, 10 snapshots, 1000 GB shared by volumes and snapshots. */
    public static final Quota DEFAULT = new Quota(10, 10, 1000, 10, 1000, -1, 10);

    public static boolean exceeds(int limit, long wanted) {
        return limit >= 0 && wanted > limit;
    }

    public Quota with(String key, int value) {
        return switch (key) {
            case "volumes" -> new Quota(value, snapshots, gigabytes, backups, backupGigabytes, perVolumeGigabytes, groups);
            case "snapshots" -> new Quota(volumes, value, gigabytes, backups, backupGigabytes, perVolumeGigabytes, groups);
            case "gigabytes" -> new Quota(volumes, snapshots, value, backups, backupGigabytes, perVolumeGigabytes, groups);
            case "backups" -> new Quota(volumes, snapshots, gigabytes, value, backupGigabytes, perVolumeGigabytes, groups);
            case "backup_gigabytes" -> new Quota(volumes, snapshots, gigabytes, backups, value, perVolumeGigabytes, groups);
            case "per_volume_gigabytes" -> new Quota(volumes, snapshots, gigabytes, backups, backupGigabytes, value, groups);
            case "groups" -> new Quota(volumes, snapshots, gigabytes, backups, backupGigabytes, perVolumeGigabytes, value);
            default -> throw new IllegalArgumentException("Bad key(s) in quota set: " + key);
        };
    }
}
