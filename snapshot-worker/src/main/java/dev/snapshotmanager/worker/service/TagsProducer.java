package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.worker.config.WorkerConfig;
import dev.snapshotmanager.worker.domain.SnapshotTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The configured {@link SnapshotTags}. */
@ApplicationScoped
public class TagsProducer {

    @Produces
    @Singleton
    SnapshotTags tags(WorkerConfig config) {
        return new SnapshotTags(config.createdBy(), config.legacyCreatedBy());
    }
}
