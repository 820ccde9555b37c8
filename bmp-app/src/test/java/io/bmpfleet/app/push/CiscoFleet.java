/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import io.bmpfleet.app.credentials.Credential;
import io.bmpfleet.app.credentials.CredentialStore;
import io.bmpfleet.app.intent.IntentModel;
import io.bmpfleet.device.cisco.CiscoIosDriver;
import io.bmpfleet.device.cisco.sim.CiscoIosSimulator;
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
 * A fleet of Cisco IOS CLI simulators (simulators: no Cisco router runs here) and a reconciler with the real Cisco
 * driver over SSH, on an in-memory data broker: what the reconciler tests and the fleet benchmark share.
 */
final class CiscoFleet implements AutoCloseable {
    static final String USER = "netops";
    static final String PASSWORD = "fleet-secret";

    final List<CiscoIosSimulator> simulators = new ArrayList<>();
    final DeviceReconciler reconciler;
    final SshTransport ssh;
    private final DataBroker broker;
    private final CiscoIosDriver driver;

    CiscoFleet(final DataBroker broker, final Path dir, final int size) throws IOException {
        this.broker = broker;
        for (int i = 0; i < size; i++) {
            simulators.add(CiscoIosSimulator.builder().hostname("sim" + i).credentials(USER, PASSWORD).bgpAs(65000)
                .start());
        }
        final var credentials = new CredentialStore(dir.resolve("credentials"));
        credentials.put("ios", new Credential(USER, PASSWORD, null));
        ssh = new SshTransport(Duration.ofSeconds(10));
        driver = new CiscoIosDriver(ssh, Duration.ofSeconds(30));
        reconciler = new DeviceReconciler(broker, List.of(driver), credentials, new KnownHosts(dir.resolve("known")),
            gained -> DeviceOwnership.local());
    }

    /** The intent: every simulator (and the extra devices) carries the seed's two stations. */
    String intent(final int concurrency, final int flappingDelay, final String... extraDevices) {
        final var devices = new StringBuilder();
        for (int i = 0; i < simulators.size(); i++) {
            devices.append(device("sim" + i, simulators.get(i).port())).append(',');
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
                {"id": 1, "description": "SERVER1", "address": "10.1.1.1", "port": 8000, "flapping-delay": %d},
                {"id": 2, "description": "SERVER2", "address": "20.1.1.1", "port": 9000}],
              "target": [{"name": "t", "station": [1, 2],
                          "route-monitoring": [{"address-family": "ipv4-unicast", "rib": ["adj-rib-in-pre-policy"]}]}],
              "device": [%s]
            }}""".formatted(concurrency, flappingDelay, devices);
    }

    static String device(final String name, final int port) {
        return """
            {"name": "%s", "platform": "bmpfleet-intent:cisco-ios", "bgp-as": 65000, "target": ["t"],
             "management": {"address": "127.0.0.1", "port": %d, "credentials": "ios"},
             "neighbor": [{"selector": "30.1.1.1", "all": [null]}]}""".formatted(name, port);
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
        driver.close();
        simulators.forEach(CiscoIosSimulator::close);
    }
}
