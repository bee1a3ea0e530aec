package dev.snapshotmanager.emulator.cinder;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.snapshotmanager.emulator.http.ApiException;
import dev.snapshotmanager.emulator.http.Json;

import java.io.IOException;
import java.util.Map;

/** Query filter values that Cinder reads as Python literals. */
final class Filters {

    private Filters() {
    }

    /** {@code metadata={'k': 'v'}} or JSON; empty when absent. */
    static Map<String, String> metadata(String raw) {
        if (raw == null || raw.isBlank()) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(raw.replace('\'', '"'), new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw ApiException.badRequest("Invalid input received: Invalid metadata filter " + raw);
        }
    }
}
