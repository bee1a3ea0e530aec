package dev.snapshotmanager.local;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What runs, written by {@code up} to {@code .local/run/stack.properties} and read by {@code status} and
 * {@code down}: the launcher's pid and, in start order, each component's pid and readiness URL.
 */
public final class StackState {

    /**
     * One running component.
     *
     * @param probe readiness URL, or {@code jdbc}/{@code kafka} style address shown as is when not HTTP
     */
    public record Entry(String name, long pid, String probe) {
    }

    private final long launcherPid;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public StackState(long launcherPid) {
        this.launcherPid = launcherPid;
    }

    public long launcherPid() {
        return launcherPid;
    }

    public synchronized void put(Entry entry) {
        entries.put(entry.name(), entry);
    }

    public synchronized void remove(String name) {
        entries.remove(name);
    }

    /** In start order. */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public synchronized String format() {
        StringBuilder text = new StringBuilder("# written by ./snapshot-manager up; read by status and down\n");
        text.append("launcher.pid=").append(launcherPid).append('\n');
        text.append("components=").append(String.join(",", entries.keySet())).append('\n');
        for (Entry e : entries.values()) {
            text.append(e.name()).append(".pid=").append(e.pid()).append('\n');
            text.append(e.name()).append(".probe=").append(e.probe()).append('\n');
        }
        return text.toString();
    }

    public static StackState parse(String text) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StackState state = new StackState(Long.parseLong(props.getProperty("launcher.pid", "0").trim()));
        String components = props.getProperty("components", "").trim();
        if (!components.isEmpty()) {
            for (String name : components.split(",")) {
                String pid = props.getProperty(name + ".pid");
                if (pid != null) {
                    state.put(new Entry(name, Long.parseLong(pid.trim()), props.getProperty(name + ".probe", "")));
                }
            }
        }
        return state;
    }

    public synchronized void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, format());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    public static StackState read(Path file) {
        try {
            return Files.exists(file) ? parse(Files.readString(file)) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
