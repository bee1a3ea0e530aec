package dev.snapshotmanager.emulator.cinder;

import dev.snapshotmanager.emulator.http.ApiException;
import dev.snapshotmanager.emulator.http.Call;
import dev.snapshotmanager.emulator.http.Json;
import dev.snapshotmanager.emulator.state.ListQuery;
import dev.snapshotmanager.emulator.state.ListQuery.SortSpec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Cinder's paging parameters: {@code limit} (capped at 1000), {@code marker}, {@code sort} or sort_key/dir. */
final class ListParams {

    static final int MAX_LIMIT = 1000;

    private ListParams() {
    }

    static <T> ListQuery<T> query(Call call, String projectId, Predicate<T> filter) {
        return new ListQuery<>(projectId, filter, call.query("marker"), limit(call), sort(call));
    }

    static int limit(Call call) {
        String raw = call.query("limit");
        if (raw == null) {
            return MAX_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit param must be an integer");
        }
        if (limit < 0) {
            throw ApiException.badRequest("limit param must be positive");
        }
        return Math.min(limit, MAX_LIMIT);
    }

    static List<SortSpec> sort(Call call) {
        String sort = call.query("sort");
        String keys = call.query("sort_key");
        String dirs = call.query("sort_dir");
        List<SortSpec> specs = new ArrayList<>();
        if (sort != null) {
            if (keys != null || dirs != null) {
                throw ApiException.badRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot "
                        + "be used with the 'sort' parameter.");
            }
            for (String part : sort.split(",")) {
                String[] kv = part.trim().split(":", 2);
                specs.add(new SortSpec(kv[0].trim(), ascending(kv.length > 1 ? kv[1].trim() : "desc")));
            }
        } else if (keys != null) {
            String[] keyList = keys.split(",");
            String[] dirList = dirs == null ? new String[0] : dirs.split(",");
            for (int i = 0; i < keyList.length; i++) {
                specs.add(new SortSpec(keyList[i].trim(), ascending(i < dirList.length ? dirList[i].trim() : "desc")));
            }
        } else if (dirs != null) {
            specs.add(new SortSpec("created_at", ascending(dirs.trim())));
        }
        return specs;
    }

    private static boolean ascending(String dir) {
        return switch (dir.toLowerCase()) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw ApiException.badRequest("Invalid input received: Unknown sort direction, must be 'desc' "
                    + "or 'asc'");
        };
    }

    /** The list body: items, and a next link only when the page is full. */
    static Map<String, Object> page(Call call, String key, List<?> items, int limit, String lastId) {
        Map<String, Object> body = Json.obj(key, items);
        if (!items.isEmpty() && items.size() >= limit) {
            StringBuilder href = new StringBuilder(call.requestUrl()).append('?');
            call.queryParams().forEach(e -> {
                if (!e.getKey().equals("marker")) {
                    href.append(encode(e.getKey())).append('=').append(encode(e.getValue())).append('&');
                }
            });
            href.append("marker=").append(encode(lastId));
            body.put(key + "_links", List.of(Json.obj("href", href.toString(), "rel", "next")));
        }
        return body;
    }

    static boolean truthy(String value) {
        return value != null && List.of("1", "true", "yes", "on", "y", "t").contains(value.toLowerCase());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
