package dev.snapshotmanager.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Entry point of {@code ./snapshot-manager}: {@code up} (foreground; Ctrl-C stops everything), {@code status},
 * {@code down}, and {@code scenario FILE} (writes the demo cloud for the emulator).
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("snapshot.root", ".")).toAbsolutePath().normalize();
        StackLayout layout = new StackLayout(root);
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "up" -> System.exit(new Launcher(layout, StackSettings.from(System.getenv())).up());
            case "status" -> System.exit(status(layout));
            case "down" -> System.exit(down(layout));
            case "scenario" -> {
                Path file = Path.of(args.length > 1 ? args[1] : "demo-cloud.json");
                Launcher.writeScenario(file);
                System.out.println("demo cloud written to " + file);
            }
            default -> {
                System.out.println("usage: snapshot-manager up | down | status | logs <component>");
                System.exit("help".equals(command) ? 0 : 2);
            }
        }
    }

    static int status(StackLayout layout) {
        StackState state = StackState.read(layout.stateFile());
        if (state == null || state.entries().isEmpty()) {
            System.out.println("Snapshot Manager is not running (no " + layout.stateFile() + ").");
            return 3;
        }
        boolean launcher = ProcessHandle.of(state.launcherPid()).map(ProcessHandle::isAlive).orElse(false);
        System.out.println("Snapshot Manager local stack (launcher pid " + state.launcherPid()
                + (launcher ? ", running" : ", NOT running") + "); logs in " + layout.logs());
        long total = 0;
        int down = 0;
        for (StackState.Entry e : state.entries()) {
            boolean alive = ProcessHandle.of(e.pid()).map(ProcessHandle::isAlive).orElse(false);
            long rss = alive ? ProcStats.treeRssKb(e.pid()) : 0;
            total += rss;
            String health = !alive ? "stopped" : !e.probe().startsWith("http") ? "running"
                    : Http.ok(e.probe()) ? "ready" : "not ready";
            if (!"ready".equals(health) && !"running".equals(health)) {
                down++;
            }
            System.out.println(StatusLine.of(e.name(), health, -1, rss, String.format("pid %-8d %s", e.pid(), e.probe())));
        }
        System.out.println("  total RSS " + ProcStats.format(total));
        return down == 0 && launcher ? 0 : 1;
    }

    static int down(StackLayout layout) {
        StackState state = StackState.read(layout.stateFile());
        if (state == null) {
            System.out.println("Snapshot Manager is not running.");
            return 0;
        }
        ProcessHandle.of(state.launcherPid()).filter(ProcessHandle::isAlive).ifPresent(launcher -> {
            System.out.println("Stopping the launcher (pid " + launcher.pid() + "); it stops every component...");
            ChildProcess.stop(launcher, Duration.ofSeconds(180));
        });
        List<StackState.Entry> entries = state.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            StackState.Entry e = entries.get(i);
            ProcessHandle.of(e.pid()).filter(ProcessHandle::isAlive).ifPresent(p -> {
                System.out.println("  stopping leftover " + e.name() + " (pid " + p.pid() + ")");
                ChildProcess.stop(p, Duration.ofSeconds(30));
            });
        }
        try {
            Files.deleteIfExists(layout.stateFile());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + layout.stateFile() + ": " + e.getMessage());
        }
        System.out.println("Snapshot Manager stopped.");
        return 0;
    }
}
