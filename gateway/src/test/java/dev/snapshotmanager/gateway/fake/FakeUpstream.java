package dev.snapshotmanager.gateway.fake;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for one service behind the gateway: a real Vert.x HTTP server that answers with what it received
 * (echo), or on request ({@code ?fake=...}) with a problem body, a dropped connection, no answer at all, an SSE
 * stream held open until {@code /__gate} is called, or a large download written with back-pressure ({@code /__stats}
 * tells how much it has written so far).
 */
final class FakeUpstream {

    private final String name;
    private final AtomicLong written = new AtomicLong();
    private volatile Promise<Void> gate;
    private HttpServer server;

    FakeUpstream(String name) {
        this.name = name;
    }

    int start(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        String fake = request.getParam("fake", "echo");
        if (path.equals("/q/health/live")) {
            json(request.response(), 200, new JsonObject().put("status", "UP"));
        } else if (path.equals("/q/openapi")) {
            json(request.response(), 200, FakeOpenApi.document(name));
        } else if (path.equals("/__stats")) {
            json(request.response(), 200, new JsonObject().put("written", written.get()));
        } else if (path.equals("/__gate")) {
            Promise<Void> open = gate;
            if (open != null) {
                open.tryComplete();
            }
            json(request.response(), 200, new JsonObject().put("opened", open != null));
        } else if (fake.equals("problem")) {
            request.response().setStatusCode(409).putHeader("Content-Type", "application/problem+json")
                    .end(problem(path));
        } else if (fake.equals("reset")) {
            request.connection().close();
        } else if (fake.equals("silent")) {
            request.pause(); // reads the request and never answers it
        } else if (fake.equals("sse")) {
            sse(request);
        } else if (fake.equals("stream")) {
            written.set(0);
            stream(request.response(), Long.parseLong(request.getParam("bytes")));
        } else {
            echo(request);
        }
    }

    static String problem(String path) {
        return "{\"type\":\"https://snapshot-manager.dev/problems/conflict\",\"title\":\"Conflict\",\"status\":409,"
                + "\"detail\":\"A policy set with that name exists.\",\"instance\":\"" + path + "\","
                + "\"conflictingId\":\"ps-42\"}";
    }

    private void echo(HttpServerRequest request) {
        AtomicLong bodyBytes = new AtomicLong();
        request.handler(chunk -> bodyBytes.addAndGet(chunk.length()));
        request.endHandler(v -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            json(request.response(), 200, new JsonObject()
                    .put("upstream", name)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("bodyBytes", bodyBytes.get()));
        });
    }

    private void sse(HttpServerRequest request) {
        Promise<Void> open = Promise.promise();
        gate = open;
        HttpServerResponse response = request.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        response.write("id: 1\nevent: run-lifecycle\ndata: {\"runId\":\"r-1\",\"event\":\"STARTED\"}\n\n");
        open.future().onComplete(v -> response.end(
                "id: 2\nevent: run-lifecycle\ndata: {\"runId\":\"r-1\",\"event\":\"COMPLETED\"}\n\n"));
    }

    private void stream(HttpServerResponse response, long total) {
        response.setChunked(true).putHeader("Content-Type", "text/csv");
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        writeMore(response, chunk, total);
    }

    private void writeMore(HttpServerResponse response, Buffer chunk, long total) {
        while (written.get() < total && !response.writeQueueFull()) {
            int size = (int) Math.min(chunk.length(), total - written.get());
            response.write(size == chunk.length() ? chunk : chunk.getBuffer(0, size));
            written.addAndGet(size);
        }
        if (written.get() >= total) {
            response.end();
        } else {
            response.drainHandler(v -> writeMore(response, chunk, total));
        }
    }

    private static void json(HttpServerResponse response, int status, Object body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode());
    }
}
