package dev.snapshotmanager.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiAggregationTest {

    @Test
    void mergesEveryServicesRoutedOperationsWithTheOidcScheme() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/policy-sets"))
                .body("paths", hasKey("/api/v1/policy-sets/{id}"))
                .body("paths", hasKey("/api/v1/volumes"))
                .body("paths", hasKey("/api/v1/runs"))
                .body("paths", hasKey("/api/v1/runs/{id}/events"))
                .body("paths", hasKey("/api/v1/runs/{id}/records"))
                .body("paths", hasKey("/api/v1/me"))
                .body("paths", not(hasKey("/q/health")))
                .body("components.schemas", hasKey("PolicySet"))
                .body("components.schemas", hasKey("Run"))
                .body("components.schemas", hasKey("Record"))
                .body("components.securitySchemes.oidc.type", equalTo("openIdConnect"))
                .body("security[0]", hasKey("oidc"));
    }

    @Test
    void takesEachPathFromTheServiceThatOwnsIt() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/records'.get.operationId", equalTo("listRecords"));
    }

    @Test
    void neverFetchesFromTheHostTheCallerNames() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        internal.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        internal.start();
        try {
            given().header("Host", "127.0.0.1:" + internal.getAddress().getPort())
                    .when().get("/openapi")
                    .then().statusCode(200)
                    .body("paths", hasKey("/api/v1/me"));
            assertThat(requests).as("requests the gateway sent to the host named by the caller").hasValue(0);
        } finally {
            internal.stop(0);
        }
    }

    @Test
    void answersQuicklyWithItsOwnOperationsWhateverHostTheCallerNames() {
        given().header("Host", "unresolvable.invalid")
                .when().get("/openapi")
                .then().statusCode(200)
                .time(lessThan(10L), TimeUnit.SECONDS)
                .body("paths", hasKey("/api/v1/me"));
    }
}
