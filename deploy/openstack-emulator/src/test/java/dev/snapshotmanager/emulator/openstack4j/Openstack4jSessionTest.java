package dev.snapshotmanager.emulator.openstack4j;

import dev.snapshotmanager.emulator.EmulatorTestBase;
import dev.snapshotmanager.emulator.scenario.Scenario;
import dev.snapshotmanager.emulator.scenario.Scenario.GeneratorSpec;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.model.storage.block.Volume;
import org.openstack4j.openstack.OSFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens and paging as openstack4j 3.12 sees them. */
class Openstack4jSessionTest extends EmulatorTestBase {

    @Test
    void reauthenticatesOnceWhenItsTokenHasExpired() {
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");
        String firstToken = os.getToken().getId();

        emulator.expireTokens();
        Volume volume = os.blockStorage().volumes().get(DATA_VOLUME);

        assertThat(volume.getId()).isEqualTo(DATA_VOLUME);
        assertThat(os.getToken().getId()).isNotEqualTo(firstToken);
        assertThat(emulator.counters().count("tokens.create", 201)).isEqualTo(2);
        assertThat(emulator.counters().count("volumes.get", 401)).isEqualTo(1);
        assertThat(emulator.counters().count("volumes.get", 200)).isEqualTo(1);
    }

    @Test
    void letsTokensExpireAfterTheConfiguredLifetime() throws InterruptedException {
        emulator.state().identity().tokenTtl(java.time.Duration.ofMillis(300));
        OSClientV3 os = Clients.login(emulator.authUrl(), "demo", "demo");

        Thread.sleep(400);
        os.blockStorage().volumes().get(DATA_VOLUME);

        assertThat(emulator.counters().count("volumes.get", 401)).isEqualTo(1);
        assertThat(emulator.counters().count("tokens.create", 201)).isEqualTo(2);
        emulator.state().identity().tokenTtl(java.time.Duration.ofHours(1));
    }

    @Test
    void rejectsAWrongPasswordWithAnAuthenticationException() {
        assertThatThrownBy(() -> OSFactory.builderV3().endpoint(emulator.authUrl())
                .credentials("demo", "wrong", org.openstack4j.model.common.Identifier.byName("Default"))
                .scopeToProject(org.openstack4j.model.common.Identifier.byName("demo"),
                        org.openstack4j.model.common.Identifier.byName("Default"))
                .authenticate())
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void listAllStopsAtOneThousandWhilePagingWithAMarkerReachesEveryVolume() {
        emulator.load(new Scenario(null, null, null, List.of(new Scenario.UserSpec(null, "admin", null, "secret",
                null, Map.of("project-0001", List.of("admin")))), null, null, null, null,
                new GeneratorSpec(2, 750, 0.1, 0.1, 1, 7L, null, null)));
        OSClientV3 os = Clients.login(emulator.authUrl(), "admin", "project-0001");

        List<? extends Volume> first = os.blockStorage().volumes().listAll();
        List<Volume> all = new ArrayList<>();
        String marker = null;
        int pages = 0;
        while (true) {
            Map<String, String> params = new HashMap<>(Map.of("all_tenants", "1", "limit", "400"));
            if (marker != null) {
                params.put("marker", marker);
            }
            List<? extends Volume> page = os.blockStorage().volumes().list(params);
            all.addAll(page);
            pages++;
            if (page.size() < 400) {
                break;
            }
            marker = page.get(page.size() - 1).getId();
        }

        assertThat(first).hasSize(1000);
        assertThat(all).hasSize(1500);
        assertThat(pages).isEqualTo(4);
        Set<String> ids = new HashSet<>();
        all.forEach(v -> ids.add(v.getId()));
        assertThat(ids).hasSize(1500);
        assertThat(all.get(0).getCreated()).isAfterOrEqualTo(all.get(1499).getCreated());
    }
}
