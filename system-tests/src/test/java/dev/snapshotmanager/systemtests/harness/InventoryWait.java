package dev.snapshotmanager.systemtests.harness;

import org.awaitility.Awaitility;

import java.time.Duration;

/**
 * Waits until policy-service knows every volume of the demo cloud (the worker publishes the inventory about 30 s
 * after it starts), seen through the gateway: before that no volume has an effective policy to check.
 */
final class InventoryWait {

    private InventoryWait() {
    }

    static void await(SystemStack stack, Duration atMost) {
        Awaitility.await("every demo project's volumes in policy-service").atMost(atMost).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions().until(() -> SystemStack.DEMO_PROJECTS.keySet().stream()
                        .allMatch(project -> volumeCount(stack, project) == SystemStack.VOLUMES_PER_PROJECT));
    }

    private static int volumeCount(SystemStack stack, String project) {
        return stack.as(DemoUser.VIEWER).queryParam("projectId", project).queryParam("limit", 100)
                .get("/api/v1/volumes").then().statusCode(200).extract().jsonPath().getList("items").size();
    }
}
