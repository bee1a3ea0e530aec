package dev.snapshotmanager.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an action answers: status, JSON body (or none) and extra headers. */
public record Reply(int status, Object body, Map<String, String> headers) {

    public static Reply ok(Object body) {
        return new Reply(200, body, new LinkedHashMap<>());
    }

    public static Reply status(int status, Object body) {
        return new Reply(status, body, new LinkedHashMap<>());
    }

    /** 202 with an empty body, as Cinder answers a delete. */
    public static Reply acceptedEmpty() {
        return new Reply(202, null, new LinkedHashMap<>());
    }

    public static Reply noContent() {
        return new Reply(204, null, new LinkedHashMap<>());
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
