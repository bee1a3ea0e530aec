package dev.snapshotmanager.emulator.scenario;

import dev.snapshotmanager.emulator.http.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads scenarios from JSON or YAML text, files and classpath resources. */
public final class ScenarioLoader {

    /** The small scenario used when none is named (see default-scenario.yaml). */
    public static final String DEFAULT_RESOURCE = "dev/snapshotmanager/emulator/default-scenario.yaml";

    private ScenarioLoader() {
    }

    /** Parses JSON or YAML (JSON is YAML; text starting with '{' is read as JSON). */
    public static Scenario parse(String text) {
        try {
            String trimmed = text.stripLeading();
            return (trimmed.startsWith("{") ? Json.MAPPER : Json.YAML).readValue(text, Scenario.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid scenario: " + e.getOriginalMessage(), e);
        }
    }

    public static Scenario fromFile(Path path) {
        try {
            return parse(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read scenario " + path, e);
        }
    }

    /** A scenario from the classpath of the current thread (or this library). */
    public static Scenario fromClasspath(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(name);
        if (in == null) {
            in = ScenarioLoader.class.getClassLoader().getResourceAsStream(name);
        }
        if (in == null) {
            throw new IllegalArgumentException("No scenario resource " + resource);
        }
        try (InputStream stream = in) {
            return parse(new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read scenario " + resource, e);
        }
    }

    /** A file path, or else a classpath resource, by that name. */
    public static Scenario load(String location) {
        Path path = Path.of(location);
        return Files.isRegularFile(path) ? fromFile(path) : fromClasspath(location);
    }

    public static Scenario defaults() {
        return fromClasspath(DEFAULT_RESOURCE);
    }
}
