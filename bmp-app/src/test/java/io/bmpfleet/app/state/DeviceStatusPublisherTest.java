/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.bmpfleet.app.credentials.CredentialStore;
import io.bmpfleet.app.intent.IntentModel;
import io.bmpfleet.app.push.DeviceOwnership;
import io.bmpfleet.app.push.DeviceReconciler;
import io.bmpfleet.app.push.KnownHosts;
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
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.device.UnsupportedItem;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * The publisher against a real (in-memory) MD-SAL data broker: the operational state follows the intent,
 * device entries and summary rows appear, change and disappear with it.
 */
public class DeviceStatusPublisherTest extends AbstractConcurrentDataBrokerTest {
    private static final InstanceIdentifier<Bmpfleet> INTENT = InstanceIdentifier.create(Bmpfleet.class);
    private static final InstanceIdentifier<BmpfleetState> STATE = InstanceIdentifier.create(BmpfleetState.class);

    private DeviceStatusPublisher publisher;
    private DeviceReconciler reconciler;
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    public DeviceStatusPublisherTest() {
        super(true);
    }

    @Before
    public void startPublisher() {
        publisher = new DeviceStatusPublisher(getDataBroker());
        // The device entries are the reconciler's; without drivers every enabled device stays pending.
        reconciler = new DeviceReconciler(getDataBroker(), List.of(),
            CredentialStore.unencrypted(tmp.getRoot().toPath().resolve("credentials")),
            new KnownHosts(tmp.getRoot().toPath().resolve("known-hosts")), gained -> DeviceOwnership.local(), List::of);
    }

    @After
    public void stopPublisher() {
        publisher.close();
        reconciler.close();
    }

    @Test
    public void stateFollowsTheIntent() throws Exception {
        writeIntent(IntentModel.read(IntentModel.example("frr-gobgp.json")));
        var state = awaitState(s -> s.nonnullDevice().size() == 2);
        final var gobgp = state.nonnullDevice().get(new DeviceKey("gobgp-1"));
        assertThat(gobgp.getSyncStatus()).isEqualTo(SyncStatus.Pending);
        assertThat(gobgp.getLastError()).isEqualTo("no driver for platform gobgp in this controller");
        assertThat(items(gobgp)).contains("target gobgp-all/route-monitoring", "station 10/min-retry");
        assertThat(items(state.nonnullDevice().get(new DeviceKey("frr-1")))).isEmpty();
        assertThat(state.getSummary().getStationsConfigured().toJava()).isEqualTo(1);
        assertThat(state.getSummary().nonnullStation()).hasSize(1);

        // The FRR target now asks for Loc-RIB, the GoBGP device goes, and FRR is disabled.
        final var json = JsonParser.parseString(IntentModel.read(IntentModel.example("frr-gobgp.json")))
            .getAsJsonObject();
        final var root = json.getAsJsonObject("bmpfleet-intent:bmpfleet");
        final var loc = new JsonArray();
        loc.add("loc-rib");
        root.getAsJsonArray("target").get(0).getAsJsonObject().getAsJsonArray("route-monitoring").get(0)
            .getAsJsonObject().add("rib", loc);
        final var devices = root.getAsJsonArray("device");
        devices.remove(1);
        devices.get(0).getAsJsonObject().addProperty("enabled", false);
        final var withoutGobgp = json.toString();
        writeIntent(withoutGobgp);
        state = awaitState(s -> s.nonnullDevice().size() == 1);
        final var frr = state.nonnullDevice().get(new DeviceKey("frr-1"));
        assertThat(frr.getSyncStatus()).isEqualTo(SyncStatus.Disabled);
        assertThat(items(frr)).containsExactly("target frr-full/ipv4-unicast/loc-rib");

        // Back to the original: the Loc-RIB item is gone again, not left behind by a merge.
        writeIntent(IntentModel.read(IntentModel.example("frr-gobgp.json")));
        state = awaitState(s -> s.nonnullDevice().size() == 2);
        assertThat(items(state.nonnullDevice().get(new DeviceKey("frr-1")))).isEmpty();
    }

    @Test
    public void summaryRowsFollowTheStations() throws Exception {
        writeIntent(IntentModel.read(IntentModel.example("cisco-seed.json")));
        var state = awaitState(s -> s.getSummary() != null && s.getSummary().nonnullStation().size() == 2);
        assertThat(state.getSummary().getNeighborsConfigured().toJava()).isEqualTo(1);
        assertThat(state.getSummary().getInitialRefresh())
            .isEqualTo("Initial Refresh Delay configured, refresh value 30s");

        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, INTENT);
        tx.commit().get(10, TimeUnit.SECONDS);
        state = awaitState(s -> s.nonnullDevice().isEmpty() && s.getSummary().nonnullStation().isEmpty());
        assertThat(state.getSummary().getStationsConfigured().toJava()).isZero();
    }

    private void writeIntent(final String json) throws Exception {
        final var verdict = IntentModel.check(json);
        assertThat(verdict.errors()).isEmpty();
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, INTENT, verdict.intent());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private BmpfleetState awaitState(final Predicate<BmpfleetState> condition) throws Exception {
        BmpfleetState state = null;
        for (int i = 0; i < 100; i++) {
            try (var tx = getDataBroker().newReadOnlyTransaction()) {
                state = tx.read(LogicalDatastoreType.OPERATIONAL, STATE).get(10, TimeUnit.SECONDS).orElse(null);
            }
            if (state != null && condition.test(state)) {
                return state;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("operational state never matched; last: " + state);
    }

    private static List<String> items(final Device device) {
        return device.nonnullUnsupportedItem().values().stream().map(UnsupportedItem::getItem).sorted().toList();
    }
}
