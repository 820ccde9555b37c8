/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import io.bmpfleet.app.credentials.Credential;
import io.bmpfleet.app.credentials.CredentialStore;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.intent.IntentModel;
import io.bmpfleet.device.cisco.CiscoIosDriver;
import io.bmpfleet.device.cisco.sim.CiscoIosSimulator;
import io.bmpfleet.device.frr.FrrDriver;
import io.bmpfleet.device.frr.sim.FrrVtyshSimulator;
import io.bmpfleet.device.ssh.SshTransport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * A mixed fleet of simulators (no Cisco router and no FRR runs here): Cisco IOS CLI simulators ({@code ios0},
 * {@code ios1}, ...) and FRR vtysh simulators ({@code frr0}, ...), with a reconciler that has the real Cisco and FRR
 * drivers over one SSH client, on an in-memory data broker: what the reconciler tests and the fleet benchmark
 * share. Each platform has its own login (credential sets {@code ios} and {@code frr}).
 */
final class SimulatorFleet implements AutoCloseable {
    static final String IOS_USER = "netops";
    static final String IOS_PASSWORD = "fleet-secret";
    static final String FRR_USER = "frrops";
    static final String FRR_PASSWORD = "vty-fleet-secret";
    static final long AS = 65000;
    static final String NEIGHBOR = "30.1.1.1";
    /** The address of station 1, whose port the tests change. */
    static final String STATION1 = "10.1.1.1";

    final List<CiscoIosSimulator> cisco = new ArrayList<>();
    final List<FrrVtyshSimulator> frr = new ArrayList<>();
    final DeviceReconciler reconciler;
    /** Where the reconciler tells what it did. */
    final EventBus events = new EventBus();
    final SshTransport ssh;
    private final DataBroker broker;
    private final CiscoIosDriver ciscoDriver;
    private final FrrDriver frrDriver;

    /**
     * Starts the simulators and the reconciler (which waits for an intent).
     *
     * @param broker the data broker
     * @param dir where the credentials and known hosts go
     * @param ciscoCount Cisco IOS simulators
     * @param frrCount FRR simulators
     */
    SimulatorFleet(final DataBroker broker, final Path dir, final int ciscoCount, final int frrCount)
            throws IOException {
        this.broker = broker;
        for (int i = 0; i < ciscoCount; i++) {
            cisco.add(CiscoIosSimulator.builder().hostname("ios" + i).credentials(IOS_USER, IOS_PASSWORD).bgpAs(AS)
                .start());
        }
        for (int i = 0; i < frrCount; i++) {
            frr.add(FrrVtyshSimulator.builder().hostname("frr" + i).credentials(FRR_USER, FRR_PASSWORD).bgpAs(AS)
                .neighbor(NEIGHBOR, AS).start());
        }
        final var credentials = CredentialStore.unencrypted(dir.resolve("credentials"));
        credentials.put("ios", new Credential(IOS_USER, IOS_PASSWORD, null));
        credentials.put("frr", new Credential(FRR_USER, FRR_PASSWORD, null));
        ssh = new SshTransport(Duration.ofSeconds(10));
        ciscoDriver = new CiscoIosDriver(ssh, Duration.ofSeconds(30));
        frrDriver = new FrrDriver(ssh, false);
        reconciler = new DeviceReconciler(broker, List.of(ciscoDriver, frrDriver), credentials,
            new KnownHosts(dir.resolve("known")), gained -> DeviceOwnership.local(), List::of, events);
    }

    /** Every simulated device's name, Cisco ones first. */
    List<String> names() {
        final var names = new ArrayList<String>();
        for (int i = 0; i < cisco.size(); i++) {
            names.add("ios" + i);
        }
        for (int i = 0; i < frr.size(); i++) {
            names.add("frr" + i);
        }
        return names;
    }

    /**
     * The intent: every simulator (and the extra devices) carries the Cisco seed's two stations in one target.
     *
     * @param concurrency max-concurrent-pushes
     * @param station1Port the port of station 1 (the tests change it)
     * @param extraDevices more device entries (JSON)
     * @return the intent document
     */
    String intent(final int concurrency, final int station1Port, final String... extraDevices) {
        final var devices = new StringBuilder();
        for (int i = 0; i < cisco.size(); i++) {
            devices.append(ciscoDevice("ios" + i, cisco.get(i).port())).append(',');
        }
        for (int i = 0; i < frr.size(); i++) {
            devices.append(frrDevice("frr" + i, frr.get(i).port())).append(',');
        }
        for (var extra : extraDevices) {
            devices.append(extra).append(',');
        }
        devices.setLength(devices.length() - 1);
        return """
            {"bmpfleet-intent:bmpfleet": {
              "reconciler": {"max-concurrent-pushes": %d, "failure-retry-delay": 1, "flapping-delay": 2,
                             "drift-check-interval": 3600},
              "global": {"initial-refresh-delay": 30},
              "station": [
                {"id": 1, "description": "SERVER1", "address": "%s", "port": %d, "flapping-delay": 120},
                {"id": 2, "description": "SERVER2", "address": "20.1.1.1", "port": 9000}],
              "target": [{"name": "t", "station": [1, 2],
                          "route-monitoring": [{"address-family": "ipv4-unicast", "rib": ["adj-rib-in-pre-policy"]}]}],
              "device": [%s]
            }}""".formatted(concurrency, STATION1, station1Port, devices);
    }

    static String ciscoDevice(final String name, final int port) {
        return """
            {"name": "%s", "platform": "bmpfleet-intent:cisco-ios", "bgp-as": %d, "target": ["t"],
             "management": {"address": "127.0.0.1", "port": %d, "credentials": "ios"},
             "neighbor": [{"selector": "%s", "all": [null]}]}""".formatted(name, AS, port, NEIGHBOR);
    }

    static String frrDevice(final String name, final int port) {
        return """
            {"name": "%s", "platform": "bmpfleet-intent:frr", "bgp-as": %d, "target": ["t"],
             "management": {"address": "127.0.0.1", "port": %d, "credentials": "frr"},
             "neighbor": [{"selector": "%s", "all": [null]}]}""".formatted(name, AS, port, NEIGHBOR);
    }

    /**
     * How a device's rendering and running configuration show station 1 on the given port.
     *
     * @param device a simulated device's name
     * @param port station 1's port
     * @return the platform's words for it
     */
    static String station1(final String device, final int port) {
        return device.startsWith("frr") ? "bmp connect " + STATION1 + " port " + port + " "
            : "address " + STATION1 + " port-number " + port;
    }

    /**
     * A simulated device's BMP configuration as its platform prints it.
     *
     * @param device {@code iosN} or {@code frrN}
     * @return {@code show running-config | section bmp} (Cisco), {@code show running-config} (FRR)
     */
    String runningConfig(final String device) {
        return device.startsWith("frr") ? frr.get(Integer.parseInt(device.substring(3))).runningConfig()
            : cisco.get(Integer.parseInt(device.substring(3))).runningConfig();
    }

    void write(final String json) throws Exception {
        final var verdict = IntentModel.check(json);
        if (!verdict.errors().isEmpty()) {
            throw new IllegalArgumentException(verdict.errors().toString());
        }
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Bmpfleet.class), verdict.intent());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    BmpfleetState state() throws Exception {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier.create(BmpfleetState.class))
                .get(10, TimeUnit.SECONDS).orElse(null);
        }
    }

    static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        reconciler.close();
        frrDriver.close();
        ciscoDriver.close();
        cisco.forEach(CiscoIosSimulator::close);
        frr.forEach(FrrVtyshSimulator::close);
    }
}
