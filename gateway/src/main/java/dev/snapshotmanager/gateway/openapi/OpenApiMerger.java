package dev.snapshotmanager.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapshotmanager.gateway.proxy.Upstream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Merges OpenAPI documents into one: the paths each source owns at the gateway, their component schemas (the first
 * definition of a name wins; differing duplicates are listed under {@code x-schema-conflicts}), their tags, and one
 * OIDC security scheme required by every operation.
 */
public final class OpenApiMerger {

    public static final String SCHEME = "oidc";

    private final ObjectNode merged = JsonNodeFactory.instance.objectNode();
    private final ObjectNode paths = merged.putObject("paths");
    private final ObjectNode schemas;
    private final ArrayNode tags = JsonNodeFactory.instance.arrayNode();
    private final Set<String> tagNames = new HashSet<>();
    private final ArrayNode conflicts = JsonNodeFactory.instance.arrayNode();
    private final ArrayNode unavailable = JsonNodeFactory.instance.arrayNode();

    public OpenApiMerger(String title, String version, String discoveryUrl) {
        merged.put("openapi", "3.1.0");
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("title", title).put("version", version)
                .put("description", "Every operation reachable through the gateway, merged from the services.");
        merged.set("info", info);
        merged.set("paths", paths);
        ObjectNode components = merged.putObject("components");
        schemas = components.putObject("schemas");
        ObjectNode scheme = components.putObject("securitySchemes").putObject(SCHEME);
        scheme.put("type", "openIdConnect").put("openIdConnectUrl", discoveryUrl)
                .put("description", "Keycloak realm 'snapshots': bearer access token or browser session");
        merged.putArray("security").addObject().putArray(SCHEME);
    }

    /** Adds the paths of {@code document} that {@code owner} serves at the gateway (null owner: the gateway's own). */
    public OpenApiMerger add(Upstream owner, JsonNode document) {
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            boolean routed = owner == null
                    ? path.getKey().startsWith("/api/") && Upstream.forPath(path.getKey()) == null
                    : Upstream.forPath(path.getKey()) == owner;
            if (routed && !paths.has(path.getKey())) {
                paths.set(path.getKey(), path.getValue());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").path("schemas").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            JsonNode existing = schemas.get(schema.getKey());
            if (existing == null) {
                schemas.set(schema.getKey(), schema.getValue());
            } else if (!existing.equals(schema.getValue())) {
                conflicts.add(schema.getKey());
            }
        }
        for (JsonNode tag : document.path("tags")) {
            if (tagNames.add(tag.path("name").asText())) {
                tags.add(tag);
            }
        }
        return this;
    }

    /** Records a source that could not be read. */
    public OpenApiMerger unavailable(String service) {
        unavailable.add(service);
        return this;
    }

    public ObjectNode document() {
        ObjectNode result = merged.deepCopy();
        if (!tags.isEmpty()) {
            result.set("tags", tags);
        }
        if (!conflicts.isEmpty()) {
            result.set("x-schema-conflicts", conflicts);
        }
        if (!unavailable.isEmpty()) {
            result.set("x-unavailable-services", unavailable);
        }
        return result;
    }
}
