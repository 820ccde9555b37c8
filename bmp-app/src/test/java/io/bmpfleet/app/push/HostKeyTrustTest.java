/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.app.credentials.Credential;
import io.bmpfleet.app.credentials.CredentialStore;
import io.bmpfleet.app.intent.IntentModel;
import io.bmpfleet.device.cisco.CiscoIosDriver;
import io.bmpfleet.device.cisco.sim.CiscoIosSimulator;
import io.bmpfleet.device.ssh.SshTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SyncStatus;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.DeviceKey;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * SSH host keys through the reconciler, against a Cisco IOS CLI simulator (a simulator: no Cisco router runs here):
 * the key seen at the first login is trusted and recorded; a device that later shows another key on the same
 * address and port is refused before anything is sent, its status says which key was expected and how to accept
 * the change; pinning the new key in the intent lets the push through.
 */
public class HostKeyTrustTest extends AbstractConcurrentDataBrokerTest {
    private static final String USER = "netops";
    private static final String PASSWORD = "key-test-secret";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private CiscoIosSimulator router;
    private CredentialStore credentials;
    private SshTransport ssh;
    private CiscoIosDriver driver;
    private DeviceReconciler reconciler;

    public HostKeyTrustTest() {
        super(true);
    }

    @Before
    public void start() throws Exception {
        router = simulator(0);
        credentials = CredentialStore.unencrypted(tmp.getRoot().toPath().resolve("credentials"));
        credentials.put("ios", new Credential(USER, PASSWORD, null));
        ssh = new SshTransport(Duration.ofSeconds(10));
        driver = new CiscoIosDriver(ssh, Duration.ofSeconds(30));
        reconciler = new DeviceReconciler(getDataBroker(), List.of(driver), credentials,
            new KnownHosts(tmp.getRoot().toPath().resolve("known-hosts")), gained -> DeviceOwnership.local(), List::of);
    }

    @After
    public void stop() {
        reconciler.close();
        driver.close();
        ssh.close();
        router.close();
    }

    private static CiscoIosSimulator simulator(final int port) throws Exception {
        return CiscoIosSimulator.builder().hostname("edge1").credentials(USER, PASSWORD).bgpAs(65000).port(port)
            .start();
    }

    @Test
    public void changedKeyIsRefusedUntilTheNewOneIsPinned() throws Exception {
        write(intent(120, null));
        final var first = await(d -> d.getSyncStatus() == SyncStatus.InSync);
        final var original = router.hostKey();
        assertThat(first.getHostKey()).isEqualTo(original);
        assertThat(new KnownHosts(tmp.getRoot().toPath().resolve("known-hosts")).get("edge1")).contains(original);

        // The device comes back on the same address and port with another key (a replaced router, or an attacker).
        final int port = router.port();
        router.close();
        router = simulator(port);
        assertThat(router.hostKey()).isNotEqualTo(original);
        write(intent(300, null));
        final var refused = await(d -> d.getSyncStatus() == SyncStatus.Failed);
        assertThat(refused.getLastError()).contains("SSH host key of 127.0.0.1:" + port + " is " + router.hostKey(),
            "expected " + original, "nothing was sent", "trusted on first use", "management/host-key");
        assertThat(router.logins() + router.failedLogins()).as("no password was offered to the new key").isZero();
        assertThat(router.runningConfig()).doesNotContain("bmp server");
        assertThat(refused.getHostKey()).as("the status keeps the trusted key").isEqualTo(original);

        // The operator accepts the new key by pinning it: the push goes through and the status shows the pin.
        write(intent(300, router.hostKey()));
        final var pinned = await(d -> d.getSyncStatus() == SyncStatus.InSync);
        assertThat(pinned.getHostKey()).isEqualTo(router.hostKey());
        assertThat(router.runningConfig()).contains("bmp server 1", "flapping-delay 300");
    }

    private String intent(final int flappingDelay, final String hostKey) {
        return """
            {"bmpfleet-intent:bmpfleet": {
              "reconciler": {"failure-retry-delay": 1, "flapping-delay": 2, "drift-check-interval": 3600},
              "station": [{"id": 1, "address": "10.1.1.1", "port": 8000, "flapping-delay": %d}],
              "target": [{"name": "t", "station": [1]}],
              "device": [{"name": "edge1", "platform": "bmpfleet-intent:cisco-ios", "bgp-as": 65000,
                          "target": ["t"],
                          "management": {"address": "127.0.0.1", "port": %d, "credentials": "ios"%s}}]
            }}""".formatted(flappingDelay, router.port(), hostKey == null ? ""
                : ", \"host-key\": \"" + hostKey + "\"");
    }

    private void write(final String json) throws Exception {
        final var verdict = IntentModel.check(json);
        assertThat(verdict.errors()).isEmpty();
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Bmpfleet.class), verdict.intent());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private Device await(final Predicate<Device> condition) throws Exception {
        Device device = null;
        for (int i = 0; i < 300; i++) {
            try (var tx = getDataBroker().newReadOnlyTransaction()) {
                device = tx.read(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier.create(BmpfleetState.class))
                    .get(10, TimeUnit.SECONDS).map(s -> s.nonnullDevice().get(new DeviceKey("edge1"))).orElse(null);
            }
            if (device != null && condition.test(device)) {
                return device;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("device never matched; last: " + device);
    }
}
