package dev.snapshotmanager.emulator.state;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;

/**
 * Resources by id, plus the default order globally and per project. Reads are lock-free; writers are serialised
 * by the owning store.
 */
final class Indexed<T> {

    private final Map<String, T> byId = new ConcurrentHashMap<>();
    private final NavigableSet<SortKey> all = new ConcurrentSkipListSet<>(SortKey.NEWEST_FIRST);
    private final Map<String, NavigableSet<SortKey>> byProject = new ConcurrentHashMap<>();
    private final Function<T, String> idOf;
    private final Function<T, String> projectOf;
    private final Function<T, SortKey> keyOf;
    private final Pager<T> pager;

    Indexed(Function<T, String> idOf, Function<T, String> projectOf, Function<T, SortKey> keyOf,
            Map<String, Function<T, Comparable<?>>> columns) {
        this.idOf = idOf;
        this.projectOf = projectOf;
        this.keyOf = keyOf;
        this.pager = new Pager<>(byId::get, keyOf, columns);
    }

    /** Adds or replaces; returns the previous version or null. */
    T put(T item) {
        T previous = byId.put(idOf.apply(item), item);
        SortKey key = keyOf.apply(item);
        if (previous != null) {
            SortKey oldKey = keyOf.apply(previous);
            String oldProject = projectOf.apply(previous);
            if (!oldKey.equals(key) || !oldProject.equals(projectOf.apply(item))) {
                all.remove(oldKey);
                projectIndex(oldProject).remove(oldKey);
            }
        }
        all.add(key);
        projectIndex(projectOf.apply(item)).add(key);
        return previous;
    }

    T remove(String id) {
        T previous = byId.remove(id);
        if (previous != null) {
            SortKey key = keyOf.apply(previous);
            all.remove(key);
            projectIndex(projectOf.apply(previous)).remove(key);
        }
        return previous;
    }

    T get(String id) {
        return id == null ? null : byId.get(id);
    }

    Collection<T> values() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }

    List<T> page(ListQuery<T> query) {
        NavigableSet<SortKey> index = query.projectId() == null ? all : projectIndex(query.projectId());
        return pager.page(index, query, projectOf);
    }

    /** A page over a subset of ids (e.g. one volume's snapshots), in the query's order. */
    List<T> page(Collection<String> ids, ListQuery<T> query) {
        NavigableSet<SortKey> index = new java.util.TreeSet<>(SortKey.NEWEST_FIRST);
        for (String id : ids) {
            T item = byId.get(id);
            if (item != null && (query.projectId() == null || query.projectId().equals(projectOf.apply(item)))) {
                index.add(keyOf.apply(item));
            }
        }
        return pager.page(index, query, projectOf);
    }

    void clear() {
        byId.clear();
        all.clear();
        byProject.clear();
    }

    private NavigableSet<SortKey> projectIndex(String projectId) {
        return byProject.computeIfAbsent(projectId, p -> new ConcurrentSkipListSet<>(SortKey.NEWEST_FIRST));
    }
}
