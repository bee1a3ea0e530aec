package dev.snapshotmanager.emulator.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Cinder limits and quota sets; Nova servers. */
class QuotaAndNovaContractTest extends RawHttpTestBase {

    @Test
    void reportsAbsoluteLimitsOfTheCallersProject() {
        demo().contentType("application/json").body(snapshotBody(DATA_VOLUME)).post(cinder(DEMO_PROJECT) + "/snapshots")
                .then().statusCode(202);

        demo().get(cinder(DEMO_PROJECT) + "/limits").then().statusCode(200)
                .body("limits.rate", hasSize(0))
                .body("limits.absolute.maxTotalSnapshots", equalTo(10))
                .body("limits.absolute.totalSnapshotsUsed", equalTo(1))
                .body("limits.absolute.maxTotalVolumeGigabytes", equalTo(1000))
                .body("limits.absolute.totalGigabytesUsed", equalTo(46));
    }

    @Test
    void showsQuotaSetsWithAndWithoutUsage() {
        demo().get(cinder(DEMO_PROJECT) + "/os-quota-sets/" + DEMO_PROJECT).then().statusCode(200)
                .body("quota_set.id", equalTo(DEMO_PROJECT)).body("quota_set.snapshots", equalTo(10))
                .body("quota_set.gigabytes", equalTo(1000));
        demo().get(cinder(DEMO_PROJECT) + "/os-quota-sets/" + DEMO_PROJECT + "?usage=true").then().statusCode(200)
                .body("quota_set.snapshots.limit", equalTo(10)).body("quota_set.snapshots.in_use", equalTo(0))
                .body("quota_set.snapshots.reserved", equalTo(0))
                .body("quota_set.gigabytes.in_use", equalTo(36));
        demo().get(cinder(DEMO_PROJECT) + "/os-quota-sets/" + ALT_PROJECT).then().statusCode(403)
                .body(equalTo("{\"forbidden\":{\"code\":403,\"message\":\"Policy doesn't allow "
                        + "volume_extension:quotas:show to be performed.\"}}"));
        admin().get(cinder(ADMIN_PROJECT) + "/os-quota-sets/" + ALT_PROJECT + "?usage=true").then().statusCode(200)
                .body("quota_set.gigabytes.in_use", equalTo(10));
    }

    @Test
    void letsAnAdminChangeAQuota() {
        admin().contentType("application/json").body("{\"quota_set\":{\"snapshots\":-1}}")
                .put(cinder(ADMIN_PROJECT) + "/os-quota-sets/" + DEMO_PROJECT).then().statusCode(200)
                .body("quota_set.snapshots", equalTo(-1));
        demo().contentType("application/json").body("{\"quota_set\":{\"snapshots\":50}}")
                .put(cinder(DEMO_PROJECT) + "/os-quota-sets/" + DEMO_PROJECT).then().statusCode(403);
        demo().get(cinder(DEMO_PROJECT) + "/limits").then().body("limits.absolute.maxTotalSnapshots", equalTo(-1));
    }

    @Test
    void showsAServerWithItsAttachedVolumes() {
        demo().get("/compute/v2.1/servers/" + WEB_SERVER).then().statusCode(200)
                .header("x-compute-request-id", org.hamcrest.Matchers.startsWith("req-"))
                .body("server.name", equalTo("web-1")).body("server.tenant_id", equalTo(DEMO_PROJECT))
                .body("server.'os-extended-volumes:volumes_attached'.id", equalTo(List.of(BOOT_VOLUME)));
        as("alt-demo", "alt-demo").get("/compute/v2.1/servers/" + WEB_SERVER).then().statusCode(404)
                .body(equalTo("{\"itemNotFound\":{\"code\":404,\"message\":\"Instance " + WEB_SERVER
                        + " could not be found.\"}}"));
    }

    @Test
    void pagesServersWithLimitAndMarkerNewestFirst() {
        long webCreated = emulator.state().compute().server(WEB_SERVER).orElseThrow().createdAt();
        for (int i = 1; i <= 3; i++) {
            emulator.state().compute().put(new dev.snapshotmanager.emulator.model.Server("srv-page-" + i, DEMO_PROJECT,
                    "u", "page-" + i, "ACTIVE", webCreated + i, webCreated + i, Map.of(), "1", ""));
        }
        demo().get("/compute/v2.1/servers/detail?limit=2").then().statusCode(200)
                .body("servers.id", equalTo(List.of("srv-page-3", "srv-page-2")));
        demo().get("/compute/v2.1/servers/detail?limit=2&marker=srv-page-2").then().statusCode(200)
                .body("servers.id", equalTo(List.of("srv-page-1", WEB_SERVER)));
        demo().get("/compute/v2.1/servers/detail?marker=no-such-server").then().statusCode(400)
                .body("badRequest.message", equalTo("marker [no-such-server] not found"));
    }

    @Test
    void listsAllTenantsServersForAdminsOnly() {
        admin().get("/compute/v2.1/servers/detail?all_tenants=1").then().statusCode(200)
                .body("servers.id", equalTo(List.of(WEB_SERVER)));
        demo().get("/compute/v2.1/servers/detail?all_tenants=1").then().statusCode(403)
                .body("forbidden.code", equalTo(403));
        demo().get("/compute/v2.1/servers/detail").then().statusCode(200).body("servers", hasSize(1));
        as("alt-demo", "alt-demo").get("/compute/v2.1/servers/detail").then().body("servers", hasSize(0));
    }
}
