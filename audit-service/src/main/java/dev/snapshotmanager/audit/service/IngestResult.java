package dev.snapshotmanager.audit.service;

import dev.snapshotmanager.events.VolumeResultV1;
import java.util.Map;

/**
 * What one batch did.
 *
 * @param stored     new records
 * @param duplicates events already stored (redeliveries, duplicates within the batch)
 * @param expired    events older than the retention, ignored
 * @param rejected   events the database refused (bad data), with why; they belong to the dead-letter topic
 */
public record IngestResult(int stored, int duplicates, int expired, Map<VolumeResultV1, Exception> rejected) {
}
