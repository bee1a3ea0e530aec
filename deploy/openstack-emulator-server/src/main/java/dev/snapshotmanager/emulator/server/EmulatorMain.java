package dev.snapshotmanager.emulator.server;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point: {@code --scenario=FILE}, {@code --generate=SPEC} and {@code --port=N} become configuration. */
@QuarkusMain
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String... args) {
        for (String arg : args) {
            if (arg.startsWith("--scenario=")) {
                System.setProperty("emulator.scenario", arg.substring("--scenario=".length()));
            } else if (arg.startsWith("--generate=")) {
                System.setProperty("emulator.generate", arg.substring("--generate=".length()));
            } else if (arg.startsWith("--port=")) {
                System.setProperty("quarkus.http.port", arg.substring("--port=".length()));
            }
        }
        Quarkus.run(args);
    }
}
