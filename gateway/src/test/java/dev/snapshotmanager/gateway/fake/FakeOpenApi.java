package dev.snapshotmanager.gateway.fake;

import io.vertx.core.json.JsonObject;

/** Small OpenAPI documents like the services publish, with one path each service does not own at the gateway. */
final class FakeOpenApi {

    private FakeOpenApi() {
    }

    static JsonObject document(String service) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject().put("Problem", new JsonObject().put("type", "object"));
        switch (service) {
            case "policy-service" -> {
                paths.put("/api/v1/policy-sets", operation("listPolicySets"));
                paths.put("/api/v1/policy-sets/{id}", operation("getPolicySet"));
                paths.put("/api/v1/volumes", operation("listVolumes"));
                paths.put("/api/v1/records", operation("notOwnedByPolicyService"));
                schemas.put("PolicySet", new JsonObject().put("type", "object"));
            }
            case "run-service" -> {
                paths.put("/api/v1/runs", operation("listRuns"));
                paths.put("/api/v1/runs/{id}/events", operation("runEvents"));
                schemas.put("Run", new JsonObject().put("type", "object"));
            }
            default -> {
                paths.put("/api/v1/records", operation("listRecords"));
                paths.put("/api/v1/runs/{id}/records", operation("runRecords"));
                schemas.put("Record", new JsonObject().put("type", "object"));
            }
        }
        return new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", service).put("version", "test"))
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas", schemas));
    }

    private static JsonObject operation(String id) {
        return new JsonObject().put("get", new JsonObject().put("operationId", id)
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "ok"))));
    }
}
