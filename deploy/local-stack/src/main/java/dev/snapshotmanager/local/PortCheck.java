package dev.snapshotmanager.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds local ports that another program already uses, before anything is started. */
final class PortCheck {

    private PortCheck() {
    }

    /** Every port the stack listens on, by component. */
    static Map<String, Integer> ports(StackSettings settings) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("postgres", settings.postgresPort());
        ports.put("kafka", settings.kafkaPort());
        ports.put("kafka controller", settings.kafkaControllerPort());
        ports.put("keycloak", settings.keycloakPort());
        if (settings.openStack().emulated()) {
            ports.put(ServiceSpec.EMULATOR.name(), settings.service(ServiceSpec.EMULATOR).port());
        }
        ServiceSpec.SERVICES.forEach(s -> ports.put(s.name(), settings.service(s).port()));
        return ports;
    }

    /** "component (port)" for each port that cannot be bound on localhost. */
    static List<String> busy(Map<String, Integer> ports) {
        List<String> busy = new ArrayList<>();
        ports.forEach((component, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                // Connections of an earlier run in TIME_WAIT do not make a port busy.
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            } catch (IOException e) {
                busy.add(component + " (" + port + ")");
            }
        });
        return busy;
    }
}
