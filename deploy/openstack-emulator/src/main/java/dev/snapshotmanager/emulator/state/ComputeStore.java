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
        return servers(projectId, limit, null).orElseThrow();
    }

    /**
     * Servers of one project (or all when null), newest first (created_at desc, id desc, as Nova sorts), at most
     * {@code limit}, after the server {@code marker} when given.
     *
     * @return empty when the marker is not among the listed servers
     */
    public Optional<List<Server>> servers(String projectId, int limit, String marker) {
        List<Server> sorted = servers.values().stream()
                .filter(s -> projectId == null || s.projectId().equals(projectId))
                .sorted(Comparator.comparingLong(Server::createdAt).thenComparing(Server::id).reversed())
                .toList();
        int from = 0;
        if (marker != null) {
            int at = 0;
            while (at < sorted.size() && !sorted.get(at).id().equals(marker)) {
                at++;
            }
            if (at == sorted.size()) {
                return Optional.empty();
            }
            from = at + 1;
        }
        return Optional.of(sorted.subList(from, Math.min(sorted.size(), from + limit)));
    }

    public void clear() {
        servers.clear();
    }
}
