package dev.snapshotmanager.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** An OpenStack error answer: status, the fault name Cinder/Nova put at the top level, a message, extras. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String name;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String name, String message) {
        super(message, null, false, false);
        this.status = status;
        this.name = name;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "badRequest", message);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "unauthorized", "The request you have made requires authentication.");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "itemNotFound", message);
    }

    /** Cinder's quota answer: 413 {@code overLimit} with {@code retryAfter} and {@code Retry-After: 0}. */
    public static ApiException overLimit(String message) {
        return new ApiException(413, "overLimit", message).with("retryAfter", "0").header("Retry-After", "0");
    }

    public ApiException with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    public ApiException header(String key, String value) {
        headers.put(key, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String name() {
        return name;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
