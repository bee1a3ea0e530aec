package dev.snapshotmanager.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @Test
    void runsAComponentInItsOwnSessionWithItsEnvironmentAndLogFileAndStopsIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs/demo.log");
        ChildProcess child = ChildProcess.start("demo", List.of("sh", "-c", "echo \"hello $GREETING\"; exec sleep 60"),
                Map.of("GREETING", "local-stack"), dir, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(log).contains("hello local-stack") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(child.alive()).isTrue();
        assertThat(Files.readString(log)).startsWith("==== ").contains("hello local-stack");
        assertThat(Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat")).split(" ")[5])
                .as("session id = own pid (setsid)").isEqualTo(Long.toString(child.pid()));

        child.stop(Duration.ofSeconds(5));

        assertThat(child.alive()).isFalse();
    }

    @Test
    void killsAComponentThatIgnoresTheTerminationSignalAfterItsGracePeriod(@TempDir Path dir) throws Exception {
        ChildProcess stubborn = ChildProcess.start("stubborn", List.of("sh", "-c", "trap '' TERM; while true; do sleep 1; done"),
                Map.of(), dir, dir.resolve("stubborn.log"));
        Thread.sleep(300);

        long started = System.nanoTime();
        stubborn.stop(Duration.ofMillis(500));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        ProcessHandle.of(stubborn.pid()).ifPresent(p -> assertThat(p.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join().isAlive()).isFalse());
    }
}
