package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import dev.snapshotmanager.run.service.PolicyProjection;
import jakarta.inject.Inject;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class PolicyChangedConsumerTest {

    @Inject
    PolicyProjection projection;

    static final String OPERATOR = TestTokens.forRole("oscar", "operator");

    static int dryRunStatus(Fixtures.PolicySet set) {
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Fixtures.runRequest(set, true))
                .when().post("/api/v1/runs").then().extract().statusCode();
    }

    @Test
    void learnsPoliciesFromTheTopicAndForgetsThemOnATombstone() {
        Fixtures.PolicySet set = Fixtures.policySet();
        byte[] garbage = ("not json " + set.id).getBytes(StandardCharsets.UTF_8);
        KafkaProbe.sendBytes(Topics.POLICY_CHANGED, set.id.toString(), garbage);
        KafkaProbe.send(Topics.POLICY_CHANGED, set.id.toString(), set.event());
        await().atMost(Duration.ofSeconds(60)).until(() -> dryRunStatus(set) == 202);
        KafkaProbe.await(Topics.deadLetter(Topics.POLICY_CHANGED), r -> Arrays.equals(r.value(), garbage),
                Duration.ofSeconds(30));

        KafkaProbe.send(Topics.POLICY_CHANGED, set.id.toString(), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> dryRunStatus(set) == 422);
    }

    @Test
    void aPolicyTooLargeForAnIndexGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        Fixtures.PolicySet tooLarge = Fixtures.policySet();
        // a policy name beyond PostgreSQL's largest index row (2704 bytes; random, so that it does not compress): its
        // schedule cannot be stored (54000), however often it is tried
        byte[] random = new byte[6000];
        new java.util.Random(42).nextBytes(random);
        tooLarge.policyName = java.util.Base64.getEncoder().encodeToString(random);
        Fixtures.PolicySet set = Fixtures.policySet();
        KafkaProbe.send(Topics.POLICY_CHANGED, tooLarge.id.toString(), tooLarge.event());
        KafkaProbe.send(Topics.POLICY_CHANGED, set.id.toString(), set.event());
        await().atMost(Duration.ofSeconds(60)).until(() -> dryRunStatus(set) == 202);
        KafkaProbe.await(Topics.deadLetter(Topics.POLICY_CHANGED), r -> tooLarge.id.toString().equals(r.key()),
                Duration.ofSeconds(30));
    }

    @Test
    void aChangeFiledUnderAnotherSetsKeyGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        Fixtures.PolicySet misfiled = Fixtures.policySet();
        String otherKey = java.util.UUID.randomUUID().toString();
        Fixtures.PolicySet set = Fixtures.policySet();
        KafkaProbe.send(Topics.POLICY_CHANGED, otherKey, misfiled.event());
        KafkaProbe.send(Topics.POLICY_CHANGED, set.id.toString(), set.event());
        await().atMost(Duration.ofSeconds(60)).until(() -> dryRunStatus(set) == 202);
        KafkaProbe.await(Topics.deadLetter(Topics.POLICY_CHANGED), r -> otherKey.equals(r.key()),
                Duration.ofSeconds(30));
        // applied, its tombstone (keyed by its own id) would never have reached it
        assertThat(dryRunStatus(misfiled)).isEqualTo(422);
    }

    @Test
    void ignoresAnOlderOrRepeatedVersionOfASet() {
        Fixtures.PolicySet set = Fixtures.policySet();
        set.version = 5;
        assertThat(projection.apply(set.event())).isTrue();
        assertThat(projection.apply(set.event())).isFalse();
        Fixtures.PolicySet older = Fixtures.policySet();
        older.id = set.id;
        older.version = 4;
        older.policyName = "renamed";
        assertThat(projection.apply(older.event())).isFalse();
        assertThat(dryRunStatus(older)).isEqualTo(422);
        assertThat(dryRunStatus(set)).isEqualTo(202);
    }
}
