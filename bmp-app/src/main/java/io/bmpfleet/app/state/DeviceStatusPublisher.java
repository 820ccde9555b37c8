/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.state;

import io.bmpfleet.app.intent.PlatformSupport;
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
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.global.initial.refresh.InitialRefreshDelay;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.global.initial.refresh.InitialRefreshSkip;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SyncStatus;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.DeviceBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.DeviceKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.SummaryBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.device.UnsupportedItem;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.device.UnsupportedItemBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.device.UnsupportedItemKey;
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
 * Keeps the intent's side of the operational state current: one {@code bmpfleet-state/device} entry per device
 * of the intent (platform, what its platform cannot carry, pending or disabled until a driver works on it) and
 * the configured counts of the summary. Devices removed from the intent lose their entry.
 *
 * <p>Entries are merged, so what drivers and the collector write beside them (last attempt, sessions, ...)
 * stays; only the unsupported items are replaced as a whole.
 */
@Component(service = { })
public final class DeviceStatusPublisher implements DataTreeChangeListener<Bmpfleet>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceStatusPublisher.class);
    private static final InstanceIdentifier<Bmpfleet> INTENT = InstanceIdentifier.create(Bmpfleet.class);
    /** The YANG default of a station's port (the IANA BMP port). */
    private static final int DEFAULT_PORT = 11019;
    private static final InstanceIdentifier<BmpfleetState> STATE = InstanceIdentifier.create(BmpfleetState.class);

    private final DataBroker broker;
    private final Registration registration;
    // Device name -> the unsupported items last written for it (this component is their only writer).
    private final Map<String, Set<UnsupportedItemKey>> published = new HashMap<>();
    // Summary rows (one per intent station) last written; the collector adds status and counters to them.
    private final Set<StationKey> publishedStations = new HashSet<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        final var thread = new Thread(r, "bmpfleet-device-status");
        thread.setDaemon(true);
        return thread;
    });

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
        final var current = new HashMap<String, Set<UnsupportedItemKey>>();
        if (intent != null) {
            for (var device : intent.nonnullDevice().values()) {
                final var name = device.getName().getValue();
                current.put(name, writeDevice(tx, intent, device, name, published.getOrDefault(name, Set.of())));
            }
        }
        for (var gone : published.keySet()) {
            if (!current.containsKey(gone)) {
                tx.delete(LogicalDatastoreType.OPERATIONAL, STATE.child(Device.class, new DeviceKey(gone)));
            }
        }
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
            published.clear();
            published.putAll(current);
            publishedStations.clear();
            publishedStations.addAll(stations);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while publishing device status", e);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not publish device status", e);
        }
    }

    private static Set<UnsupportedItemKey> writeDevice(final WriteTransaction tx, final Bmpfleet intent,
            final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Device device,
            final String name, final Set<UnsupportedItemKey> before) {
        final var path = STATE.child(Device.class, new DeviceKey(name));
        final var items = PlatformSupport.unsupported(device, intent).stream()
            .map(item -> new UnsupportedItemBuilder().setItem(item.item()).setReason(item.reason()).build())
            .toList();
        final var keys = items.stream().map(UnsupportedItem::key).collect(Collectors.toSet());
        // Items that no longer apply are deleted; the device entry itself is merged, keeping other writers' leaves.
        for (var stale : before) {
            if (!keys.contains(stale)) {
                tx.delete(LogicalDatastoreType.OPERATIONAL, path.child(UnsupportedItem.class, stale));
            }
        }
        final boolean enabled = !Boolean.FALSE.equals(device.getEnabled());
        tx.merge(LogicalDatastoreType.OPERATIONAL, path, new DeviceBuilder()
            .setName(name)
            .setPlatform(device.getPlatform())
            .setSyncStatus(enabled ? SyncStatus.Pending : SyncStatus.Disabled)
            .setUnsupportedItem(items.isEmpty() ? null
                : items.stream().collect(Collectors.toMap(UnsupportedItem::key, i -> i)))
            .build());
        return keys;
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
                .setPort(station.getPort() == null ? new PortNumber(Uint16.valueOf(DEFAULT_PORT))
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
