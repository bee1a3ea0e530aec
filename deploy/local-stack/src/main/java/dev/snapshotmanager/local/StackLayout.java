package dev.snapshotmanager.local;

import java.nio.file.Path;

/**
 * Where the local stack keeps its files, all under {@code <repository>/.local/} (git-ignored) unless another folder
 * is given (the system tests use {@code system-tests/target/system-tests}): one log file per component in
 * {@code logs/}, data kept between runs in {@code data/}, pid files and the state of the running stack in
 * {@code run/}.
 *
 * @param root  the repository root (where the modules' jars and deploy/keycloak/realm.json are)
 * @param local the folder of logs, data and state
 */
public record StackLayout(Path root, Path local) {

    /** The run command's layout: everything under {@code <root>/.local}. */
    public StackLayout(Path root) {
        this(root, root.resolve(".local"));
    }

    public Path logs() {
        return local().resolve("logs");
    }

    public Path data() {
        return local().resolve("data");
    }

    public Path run() {
        return local().resolve("run");
    }

    /** The log file of one component, e.g. {@code .local/logs/kafka.log}. */
    public Path log(String component) {
        return logs().resolve(component + ".log");
    }

    /** The data directory of one component, e.g. {@code .local/data/postgres}. */
    public Path data(String component) {
        return data().resolve(component);
    }

    /** The state file that {@code status} and {@code down} read. */
    public Path stateFile() {
        return run().resolve("stack.properties");
    }

    /** The quarkus-run.jar of a Quarkus module, e.g. {@code policy-service/target/quarkus-app/quarkus-run.jar}. */
    public Path quarkusRunJar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The launcher's own class path directory (the Kafka broker runs from it too). */
    public Path launcherLib() {
        return root.resolve("deploy/local-stack/target/lib");
    }
}
