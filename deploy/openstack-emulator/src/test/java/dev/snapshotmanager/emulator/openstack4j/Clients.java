package dev.snapshotmanager.emulator.openstack4j;

import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.openstack.OSFactory;

/** openstack4j sessions against the emulator, authenticated the way the worker does it. */
final class Clients {

    private Clients() {
    }

    static OSClientV3 login(String authUrl, String user, String project) {
        return OSFactory.builderV3().endpoint(authUrl)
                .credentials(user, "secret", Identifier.byName("Default"))
                .scopeToProject(Identifier.byName(project), Identifier.byName("Default"))
                .authenticate();
    }
}
