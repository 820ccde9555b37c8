/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.state;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.bmpfleet.app.push.IntentCompiler;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.global.initial.refresh.InitialRefreshDelay;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.global.initial.refresh.InitialRefreshSkip;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.SummaryBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.summary.Station;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.summary.StationBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.summary.StationKey;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the intent's side of the summary current: the configured counts and one row per station (ID, Host/Net,
 * Port), merged so that what the collector writes beside them stays. The device entries belong to the
 * {@code DeviceReconciler}.
 */
@Component(service = { })
public final class DeviceStatusPublisher implements DataTreeChangeListener<Bmpfleet>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceStatusPublisher.class);
    private static final InstanceIdentifier<Bmpfleet> INTENT = InstanceIdentifier.create(Bmpfleet.class);
    private static final InstanceIdentifier<BmpfleetState> STATE = InstanceIdentifier.create(BmpfleetState.class);

    private final DataBroker broker;
    private final Registration registration;
    // Summary rows (one per intent station) last written; the collector adds status and counters to them.
    private final Set<StationKey> publishedStations = new HashSet<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
        new ThreadFactoryBuilder().setNameFormat("bmpfleet-device-status-%d").setDaemon(true).build());

    @Activate
    public DeviceStatusPublisher(@Reference final DataBroker broker) {
        this.broker = broker;
        registration = broker.registerTreeChangeListener(
            DataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, INTENT), this);
    }

    @Override
    public void onInitialData() {
        writer.execute(() -> publish(null));
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Bmpfleet>> changes) {
        // Each change carries the whole after-image of /bmpfleet: the last one is the intent now. The write waits
        // for its commit, so it runs on its own thread, never on the datastore's notification thread.
        final var intent = changes.get(changes.size() - 1).getRootNode().dataAfter();
        writer.execute(() -> publish(intent));
    }

    private synchronized void publish(final Bmpfleet intent) {
        final var tx = broker.newWriteOnlyTransaction();
        final var summary = summary(intent);
        final var stations = summary.nonnullStation().keySet();
        for (var gone : publishedStations) {
            if (!stations.contains(gone)) {
                tx.delete(LogicalDatastoreType.OPERATIONAL, STATE.child(Summary.class).child(Station.class, gone));
            }
        }
        tx.merge(LogicalDatastoreType.OPERATIONAL, STATE.child(Summary.class), summary);
        try {
            tx.commit().get(30, TimeUnit.SECONDS);
            publishedStations.clear();
            publishedStations.addAll(stations);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while publishing the summary", e);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not publish the summary", e);
        }
    }

    private static Summary summary(final Bmpfleet intent) {
        long stations = 0;
        long neighbors = 0;
        long devices = 0;
        String refresh = "not configured";
        if (intent != null) {
            stations = intent.nonnullStation().size();
            devices = intent.nonnullDevice().size();
            neighbors = intent.nonnullDevice().values().stream().mapToLong(d -> d.nonnullNeighbor().size()).sum();
            final var global = intent.getGlobal();
            if (global != null && global.getInitialRefresh() instanceof InitialRefreshDelay delay) {
                refresh = "Initial Refresh Delay configured, refresh value " + delay.getInitialRefreshDelay()
                    .getValue() + "s";
            } else if (global != null && global.getInitialRefresh() instanceof InitialRefreshSkip) {
                refresh = "Initial Refresh skip configured";
            }
        }
        return new SummaryBuilder()
            .setStation(intent == null ? null : stationRows(intent))
            .setStationsConfigured(Uint32.valueOf(stations))
            .setNeighborsConfigured(Uint32.valueOf(neighbors))
            .setDevicesConfigured(Uint32.valueOf(devices))
            .setInitialRefresh(refresh)
            .build();
    }

    /** The intent's side of the summary table: ID, Host/Net and Port of each station. */
    private static Map<StationKey, Station> stationRows(final Bmpfleet intent) {
        final var rows = new HashMap<StationKey, Station>();
        for (var station : intent.nonnullStation().values()) {
            final var id = station.getId();
            final var address = station.getAddress() != null ? station.getAddress() : station.getListenAddress();
            final var row = new StationBuilder()
                .setId(id)
                .setAddress(address)
                .setPort(station.getPort() == null ? new PortNumber(Uint16.valueOf(IntentCompiler.DEFAULT_STATION_PORT))
                    : new PortNumber(Uint16.valueOf(station.getPort().getValue().intValue())))
                .build();
            rows.put(row.key(), row);
        }
        return rows.isEmpty() ? null : rows;
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
        writer.shutdown();
    }
}
