package dev.snapshotmanager.policy.service;

import static dev.snapshotmanager.policy.Fixtures.tenant;
import static dev.snapshotmanager.policy.Fixtures.tenantSet;
import static dev.snapshotmanager.policy.service.PublicationFixtures.hasPublicationRow;
import static dev.snapshotmanager.policy.service.PublicationFixtures.inventory;
import static dev.snapshotmanager.policy.service.PublicationFixtures.inventoryVolume;
import static dev.snapshotmanager.policy.service.PublicationFixtures.outboxEvents;
import static dev.snapshotmanager.policy.service.PublicationFixtures.sendInventory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.ResolutionStep;
import dev.snapshotmanager.events.VolumePoliciesV1;
import dev.snapshotmanager.policy.ContractTopic;
import dev.snapshotmanager.policy.Fixtures;
import dev.snapshotmanager.policy.domain.InventoryVolume;
import dev.snapshotmanager.policy.repository.VolumeRepository;
import dev.snapshotmanager.policy.service.VolumePoliciesPublisher.PassResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** How a volume-policies pass goes: removed volumes, chunks, the advisory lock (real PostgreSQL and Kafka). */
@QuarkusTest
class VolumePoliciesPassTest {

    @Inject
    VolumePoliciesPublisher publisher;

    @Inject
    VolumeRepository volumes;

    @Inject
    DataSource dataSource;

    @Test
    void aVolumeThatLeavesTheInventoryIsPublishedAsRemovedAndForgotten() {
        String project = tenant();
        tenantSet(project).with("autoApply", true).create();
        String volume = Fixtures.unique("vol");
        sendInventory(volume, inventory(volume, project, "leaving", Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> inInventory(volume));
        publisher.publishChanges();
        assertThat(hasPublicationRow(volume)).isTrue();

        sendInventory(volume, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> !inInventory(volume));
        PassResult pass = publisher.publishChanges();

        assertThat(pass.removed()).isGreaterThanOrEqualTo(1);
        assertThat(hasPublicationRow(volume)).isFalse();
        List<VolumePoliciesV1> events = ContractTopic.await(EventType.VOLUME_POLICIES, volume, 2, Duration.ofSeconds(30));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).decidedBy()).isEqualTo(ResolutionStep.TENANT_SET);
        VolumePoliciesV1 removed = events.get(1);
        assertThat(removed.removed()).isTrue();
        assertThat(removed.decidedBy()).isNull();
        assertThat(removed.policies()).isEmpty();
        publisher.publishChanges();
        assertThat(outboxEvents(volume)).as("removed once").hasSize(2);
    }

    @Test
    void publishesEveryVolumeWhenThePassTakesSeveralChunks() {
        String project = tenant();
        tenantSet(project).with("autoApply", true).create();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ids.add(inventoryVolume(project));
        }

        PassResult pass = publisher.publishChanges(5);

        assertThat(pass.volumes()).isGreaterThanOrEqualTo(ids.size());
        assertThat(pass.published()).isGreaterThanOrEqualTo(ids.size());
        for (String id : ids) {
            assertThat(outboxEvents(id)).as(id).singleElement()
                    .satisfies(e -> assertThat(e.decidedBy()).isEqualTo(ResolutionStep.TENANT_SET));
        }
    }

    @Test
    void aPassWhileAnotherRunsIsSkippedAndEachChangeIsPublishedOnce() throws Exception {
        String project = tenant();
        tenantSet(project).with("autoApply", true).create();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(inventoryVolume(project));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection blocker = dataSource.getConnection()) {
            // An uncommitted publication row of one of the volumes: the running pass waits on it, holding its lock.
            blocker.setAutoCommit(false);
            try (PreparedStatement q = blocker.prepareStatement("INSERT INTO volume_policy_publication "
                    + "(volume_id, project_id, digest, published_at) VALUES (?, ?, 'x', now())")) {
                q.setString(1, ids.get(2));
                q.setString(2, project);
                q.executeUpdate();
            }
            CompletableFuture<PassResult> running = CompletableFuture.supplyAsync(() -> publisher.publishChanges(2),
                    threads);
            await().atMost(Duration.ofSeconds(30)).until(this::passLockIsHeld);

            PassResult second = CompletableFuture.supplyAsync(() -> publisher.publishChanges(2), threads)
                    .get(30, TimeUnit.SECONDS);
            assertThat(second).as("the second pass").isEqualTo(new PassResult(false, 0, 0, 0));

            assertThat(running).isNotDone();
            blocker.rollback();
            PassResult first = running.get(60, TimeUnit.SECONDS);
            assertThat(first.ran()).isTrue();
            assertThat(first.published()).isGreaterThanOrEqualTo(ids.size());
        } finally {
            threads.shutdownNow();
        }
        for (String id : ids) {
            assertThat(outboxEvents(id)).as(id).hasSize(1);
        }
        assertThat(publisher.publishChanges().ran()).as("the lock is released after a pass").isTrue();
    }

    private boolean passLockIsHeld() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND granted AND ((classid::bigint << 32) | objid::bigint) = ?")) {
            q.setLong(1, VolumePoliciesPublisher.LOCK_KEY);
            try (ResultSet r = q.executeQuery()) {
                return r.next() && r.getLong(1) > 0;
            }
        }
    }

    /**
     * Not a benchmark with a goal asserted (the machine is shared), but the figure: prints how long a pass over
     * 10,000 more inventory volumes takes when it publishes all of them, when nothing changed, and when all are gone.
     */
    @Test
    void aPassOverTenThousandVolumesPublishesEachOnceThenNothing() throws Exception {
        String project = tenant();
        tenantSet(project).with("autoApply", true).create();
        String prefix = Fixtures.unique("bulk") + "-";
        PublicationFixtures.sql("INSERT INTO inventory_volume (volume_id, name, status, size_gb, volume_type, "
                + "bootable, metadata, domain_id, domain_name, project_id, project_name, observed_at, updated_at) "
                + "SELECT '" + prefix + "' || lpad(i::text, 5, '0'), 'disk-' || i, 'in-use', 10, 'ssd', false, "
                + "CASE WHEN i % 3 = 0 THEN '{\"auto_snapshot\": \"no\"}'::jsonb ELSE '{}'::jsonb END, "
                + "'d1', 'Default', '" + project + "', 'acme', now(), now() FROM generate_series(1, 10000) i");

        long t0 = System.nanoTime();
        PassResult first = publisher.publishChanges();
        long t1 = System.nanoTime();
        PassResult unchanged = publisher.publishChanges();
        long t2 = System.nanoTime();
        assertThat(first.volumes()).isGreaterThanOrEqualTo(10_000);
        assertThat(first.published()).isGreaterThanOrEqualTo(10_000);
        assertThat(countOutbox(prefix)).isEqualTo(10_000);
        assertThat(unchanged.volumes()).isGreaterThanOrEqualTo(10_000);
        assertThat(countOutbox(prefix)).as("nothing changed: nothing published").isEqualTo(10_000);

        PublicationFixtures.sql("DELETE FROM inventory_volume WHERE volume_id LIKE '" + prefix + "%'");
        long t3 = System.nanoTime();
        PassResult gone = publisher.publishChanges();
        long t4 = System.nanoTime();
        assertThat(gone.removed()).isGreaterThanOrEqualTo(10_000);
        assertThat(countOutbox(prefix)).isEqualTo(20_000);
        System.out.printf("[volume-policies pass] %d volumes: %d ms publishing all, %d ms with nothing changed; "
                + "%d removed in %d ms%n", first.volumes(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                gone.removed(), (t4 - t3) / 1_000_000);
        // Synthetic volumes: spare the later tests a relay backlog of 20,000 events nobody reads.
        PublicationFixtures.sql("DELETE FROM outbox_event WHERE published_at IS NULL AND message_key LIKE '"
                + prefix + "%'");
    }

    private long countOutbox(String keyPrefix) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM outbox_event WHERE message_key LIKE ?")) {
            q.setString(1, keyPrefix + "%");
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private boolean inInventory(String volumeId) {
        return QuarkusTransaction.requiringNew().call(() -> volumes.findByIdOptional(volumeId)
                .map((InventoryVolume v) -> true).orElse(false));
    }
}
