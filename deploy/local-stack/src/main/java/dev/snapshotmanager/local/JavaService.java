package dev.snapshotmanager.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Quarkus application of the repository, run from its {@code target/quarkus-app/quarkus-run.jar}. */
final class JavaService implements Component {

    /** Small heaps: a demo cloud, many JVMs on one machine. */
    static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-Xss512k");

    private final ServiceSpec spec;
    private final StackLayout layout;
    private final Map<String, String> env;
    private final List<String> args;
    private ChildProcess process;

    JavaService(ServiceSpec spec, StackLayout layout, Map<String, String> env, List<String> args) {
        this.spec = spec;
        this.layout = layout;
        this.env = env;
        this.args = args;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void start() throws Exception {
        Path jar = layout.quarkusRunJar(spec.module());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with mvn -B -DskipTests package");
        }
        Path work = layout.data(spec.name());
        Files.createDirectories(work);
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        process = ChildProcess.start(spec.name(), command, env, work, layout.log(spec.name()));
    }

    @Override
    public boolean ready() {
        return Http.ok(spec.readinessUrl());
    }

    @Override
    public boolean alive() {
        return process != null && process.alive();
    }

    @Override
    public long pid() {
        return process == null ? 0 : process.pid();
    }

    @Override
    public String probe() {
        return spec.readinessUrl();
    }

    @Override
    public String where() {
        return spec.baseUrl();
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        }
    }
}
