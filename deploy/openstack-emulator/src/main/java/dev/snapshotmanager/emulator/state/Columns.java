package dev.snapshotmanager.emulator.state;

import dev.snapshotmanager.emulator.model.Snapshot;
import dev.snapshotmanager.emulator.model.Volume;

import java.util.Map;
import java.util.function.Function;

/** The sortable columns of volumes and snapshots, by Cinder's key names. */
final class Columns {

    static final Map<String, Function<Volume, Comparable<?>>> VOLUME = Map.ofEntries(
            Map.entry("id", Volume::id),
            Map.entry("created_at", Volume::createdAt),
            Map.entry("updated_at", Volume::updatedAt),
            Map.entry("name", Volume::name),
            Map.entry("display_name", Volume::name),
            Map.entry("status", Volume::status),
            Map.entry("size", Volume::size),
            Map.entry("availability_zone", Volume::availabilityZone),
            Map.entry("bootable", Volume::bootable),
            Map.entry("volume_type", Volume::volumeType),
            Map.entry("project_id", Volume::projectId),
            Map.entry("user_id", Volume::userId));

    static final Map<String, Function<Snapshot, Comparable<?>>> SNAPSHOT = Map.ofEntries(
            Map.entry("id", Snapshot::id),
            Map.entry("created_at", Snapshot::createdAt),
            Map.entry("updated_at", Snapshot::updatedAt),
            Map.entry("name", Snapshot::name),
            Map.entry("display_name", Snapshot::name),
            Map.entry("status", Snapshot::status),
            Map.entry("size", Snapshot::size),
            Map.entry("volume_id", Snapshot::volumeId),
            Map.entry("project_id", Snapshot::projectId),
            Map.entry("user_id", Snapshot::userId));

    private Columns() {
    }
}
