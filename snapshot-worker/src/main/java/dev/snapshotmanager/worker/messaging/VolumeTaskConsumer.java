package dev.snapshotmanager.worker.messaging;

import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.service.TaskExecution;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Executes volume tasks; every instance of the worker is in one consumer group, so tasks (keyed by project) are
 * spread over the instances by partition. Tasks run on the {@code volume-tasks} worker pool, several at a time
 * ({@code ordered = false}); a task is acknowledged only after its results are acknowledged by the broker
 * ({@link TaskExecution#execute} blocks until then), and the default {@code throttled} commit strategy commits an
 * offset only once every earlier task of the partition is acknowledged. A crash therefore redelivers unfinished
 * tasks, and the executor's slot check makes the redelivery create nothing twice.
 */
@ApplicationScoped
public class VolumeTaskConsumer {

    private final TaskExecution execution;

    public VolumeTaskConsumer(TaskExecution execution) {
        this.execution = execution;
    }

    @Incoming("volume-tasks")
    @Blocking(value = "volume-tasks", ordered = false)
    public void onTask(VolumeTaskV1 task) {
        if (task == null) {
            throw new IllegalArgumentException("unreadable volume task");
        }
        execution.execute(task);
    }
}
