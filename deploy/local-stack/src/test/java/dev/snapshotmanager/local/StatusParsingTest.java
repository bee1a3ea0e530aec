package dev.snapshotmanager.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusParsingTest {

    @Test
    void readsResidentMemoryFromProcStatus() {
        String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  245760 kB\nRssAnon:\t 200000 kB\n";

        assertThat(ProcStats.parseRssKb(status)).isEqualTo(245_760);
        assertThat(ProcStats.parseRssKb("Name:\tkthreadd\nState:\tS\n")).isZero();
        assertThat(ProcStats.format(245_760)).isEqualTo("240 MB");
        assertThat(ProcStats.format(3 * 1024 * 1024 + 512 * 1024)).isEqualTo("3.5 GB");
    }

    @Test
    void measuresThisJvmsOwnResidentMemory() {
        assertThat(ProcStats.treeRssKb(ProcessHandle.current().pid())).isGreaterThan(10_000);
        assertThat(ProcStats.treeRssKb(Long.MAX_VALUE)).isZero();
    }

    @Test
    void keepsComponentsInStartOrderThroughTheStateFile(@TempDir Path dir) {
        StackState state = new StackState(4242);
        state.put(new StackState.Entry("postgres", 100, "jdbc:postgresql://localhost:15432/postgres"));
        state.put(new StackState.Entry("kafka", 101, "kafka://localhost:19092"));
        state.put(new StackState.Entry("policy-service", 102, "http://localhost:8081/q/health/ready"));
        state.remove("kafka");
        state.write(dir.resolve("run/stack.properties"));

        StackState read = StackState.read(dir.resolve("run/stack.properties"));

        assertThat(read.launcherPid()).isEqualTo(4242);
        assertThat(read.entries()).extracting(StackState.Entry::name).containsExactly("postgres", "policy-service");
        assertThat(read.entries().get(1).probe()).isEqualTo("http://localhost:8081/q/health/ready");
        assertThat(StackState.read(dir.resolve("absent.properties"))).isNull();
    }

    @Test
    void readsThePostmasterPidFromTheDataDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("postmaster.pid"), "31337\n/data/postgres\n1700000000\n15432\n");

        assertThat(PostgresServer.postmasterPid(dir)).isEqualTo(31337);
        assertThat(PostgresServer.postmasterPid(dir.resolve("missing"))).isZero();
    }

    @Test
    void reportsThePortsThatAnotherProgramAlreadyUses() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int free;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                free = probe.getLocalPort();
            }
            var ports = new java.util.LinkedHashMap<String, Integer>();
            ports.put("kafka", taken.getLocalPort());
            ports.put("gateway", free);

            assertThat(PortCheck.busy(ports)).containsExactly("kafka (" + taken.getLocalPort() + ")");
        }
        assertThat(PortCheck.ports(StackSettings.from(java.util.Map.of()))).containsEntry("postgres", 15432)
                .containsEntry("kafka controller", 19093).containsEntry("gateway", 8080).containsEntry("openstack-emulator", 5000);
    }

    @Test
    void printsOneAlignedLinePerComponent() {
        String line = StatusLine.of("policy-service", "ready", 12.34, 200 * 1024, "http://localhost:8081");

        assertThat(line).contains("policy-service").contains("ready").contains("12.3s").contains("200 MB")
                .endsWith("http://localhost:8081");
        assertThat(StatusLine.of("kafka", "stopped", -1, 0, "")).isEqualTo("  kafka               stopped");
    }
}
