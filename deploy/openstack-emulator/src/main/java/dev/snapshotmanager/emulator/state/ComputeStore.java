package dev.snapshotmanager.emulator.state;

import dev.snapshotmanager.emulator.model.Server;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Nova's servers. Thread-safe. */
public final class ComputeStore {

    private final Map<String, Server> servers = new ConcurrentHashMap<>();

    public void put(Server server) {
        servers.put(server.id(), server);
    }

    public Optional<Server> server(String id) {
        return Optional.ofNullable(id == null ? null : servers.get(id));
    }

    /** Servers of one project (or all when null), newest first, at most {@code limit}. */
    public List<Server> servers(String projectId, int limit) {
        return servers.values().stream()
                .filter(s -> projectId == null || s.projectId().equals(projectId))
                .sorted(Comparator.comparingLong(Server::createdAt).reversed().thenComparing(Server::id))
                .limit(limit)
                .toList();
    }

    public void clear() {
        servers.clear();
    }
}
