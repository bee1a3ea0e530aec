package dev.snapshotmanager.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.worker.client.CinderException;
import dev.snapshotmanager.worker.client.PolicyServiceException;
import org.junit.jupiter.api.Test;

/** The error text of a PLANNING_FAILED heartbeat: useful, one line, without credentials or class names. */
class PlanningFailuresTest {

    @Test
    void namesTheOpenStackOperationAndStatusEvenWhenWrapped() {
        RuntimeException failure = new IllegalStateException("wrapped",
                new CinderException("quotas.get", 503, "Service Unavailable", null));

        assertThat(PlanningFailures.describe(failure))
                .isEqualTo("OpenStack quotas.get failed (503): Service Unavailable (after retries)");
    }

    @Test
    void keepsPolicyServiceFailuresAsTheyAreDescribed() {
        assertThat(PlanningFailures.describe(new PolicyServiceException(
                "policy-service answered HTTP 500 to the resolution request", null)))
                .isEqualTo("policy-service answered HTTP 500 to the resolution request");
    }

    @Test
    void saysNothingOfTheInternalsOfAnUnexpectedError() {
        String error = PlanningFailures.describe(new NullPointerException("Cannot invoke \"String.length()\""));

        assertThat(error).isEqualTo("unexpected error while planning; the worker's log has the details");
    }

    @Test
    void masksCredentialsAndUserInfoAndKeepsOneShortLine() {
        String error = PlanningFailures.describe(new CinderException("auth", 0,
                "POST https://svc:hunter2@keystone.example/v3 password=hunter2 X-Auth-Token: gAAAAB123\n"
                        + "\tat org.openstack4j.Foo " + "x".repeat(1000), null));

        assertThat(error).doesNotContain("hunter2", "gAAAAB123", "\n", "\t")
                .contains("https://***@keystone.example/v3", "password=***", "X-Auth-Token=***")
                .hasSize(PlanningFailures.MAX_LENGTH).endsWith("...");
    }
}
