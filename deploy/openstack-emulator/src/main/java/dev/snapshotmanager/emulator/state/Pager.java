package dev.snapshotmanager.emulator.state;

import dev.snapshotmanager.emulator.state.ListQuery.SortSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.function.Function;

/**
 * Pages over an index kept in the default order. The default order walks the index from the marker, so a
 * page costs O(log n + page) whatever its position; other orders sort the matching items first.
 */
final class Pager<T> {

    private final Function<String, T> byId;
    private final Function<T, SortKey> keyOf;
    private final Map<String, Function<T, Comparable<?>>> columns;

    Pager(Function<String, T> byId, Function<T, SortKey> keyOf, Map<String, Function<T, Comparable<?>>> columns) {
        this.byId = byId;
        this.keyOf = keyOf;
        this.columns = columns;
    }

    List<T> page(NavigableSet<SortKey> index, ListQuery<T> query, Function<T, String> projectOf) {
        T markerItem = null;
        if (query.marker() != null) {
            markerItem = byId.apply(query.marker());
            if (markerItem == null
                    || (query.projectId() != null && !query.projectId().equals(projectOf.apply(markerItem)))) {
                throw new MarkerNotFoundException(query.marker());
            }
        }
        if (query.defaultOrder()) {
            return walk(markerItem == null ? index : index.tailSet(keyOf.apply(markerItem), false), query);
        }
        Comparator<T> order = comparator(query.sort());
        List<T> all = new ArrayList<>();
        for (SortKey key : index) {
            T item = byId.apply(key.id());
            if (item != null && query.filter().test(item)) {
                all.add(item);
            }
        }
        all.sort(order);
        int from = 0;
        if (markerItem != null) {
            T marker = markerItem;
            int at = all.indexOf(marker);
            from = at >= 0 ? at + 1 : (int) all.stream().filter(t -> order.compare(t, marker) <= 0).count();
        }
        return List.copyOf(all.subList(Math.min(from, all.size()), Math.min(all.size(), from + query.limit())));
    }

    private List<T> walk(Iterable<SortKey> keys, ListQuery<T> query) {
        List<T> page = new ArrayList<>(Math.min(query.limit(), 1000));
        if (query.limit() <= 0) {
            return page;
        }
        for (SortKey key : keys) {
            T item = byId.apply(key.id());
            if (item != null && query.filter().test(item)) {
                page.add(item);
                if (page.size() >= query.limit()) {
                    break;
                }
            }
        }
        return page;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparator<T> comparator(List<SortSpec> specs) {
        Comparator<T> result = null;
        boolean hasId = false;
        for (SortSpec spec : specs) {
            Function<T, Comparable<?>> column = columns.get(spec.key());
            if (column == null) {
                throw new InvalidSortKeyException(spec.key());
            }
            hasId |= spec.key().equals("id");
            Comparator<T> one = Comparator.comparing(t -> (Comparable) column.apply(t),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            one = spec.ascending() ? one : one.reversed();
            result = result == null ? one : result.thenComparing(one);
        }
        if (!hasId) {
            Comparator<T> byIdOrder = Comparator.comparing(t -> (Comparable) columns.get("id").apply(t));
            result = result.thenComparing(specs.get(0).ascending() ? byIdOrder : byIdOrder.reversed());
        }
        return result;
    }
}
