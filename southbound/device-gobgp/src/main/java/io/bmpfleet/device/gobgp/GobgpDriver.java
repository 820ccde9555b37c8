/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static java.util.Objects.requireNonNull;

import io.bmpfleet.device.DeviceDriver;
import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.SyncResult;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GoBGP 3.x driver: BMP stations through gobgpd's gRPC API ({@code apipb.GobgpApi}: AddBmp, DeleteBmp,
 * ListBmp), in plaintext, each call with a deadline.
 *
 * <p>ListBmp reports only the address and port of a station, so the driver remembers, per device endpoint and in
 * memory only, what it added each station with. A station it did not add itself (by hand, from gobgpd's
 * configuration file, or before a restart of the controller) is therefore deleted and added again with the intent's
 * settings. GoBGP 4.x, whose API has other names and other enum numbers, is recognised and refused.
 */
@Component(service = DeviceDriver.class)
public final class GobgpDriver implements DeviceDriver, AutoCloseable {
    /** gobgpd's default {@code --api-hosts} port. */
    static final int DEFAULT_API_PORT = 50051;

    private static final Logger LOG = LoggerFactory.getLogger(GobgpDriver.class);
    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    private final ConcurrentHashMap<String, DeviceSession> sessions = new ConcurrentHashMap<>();
    private final Duration deadline;
    private volatile boolean closed;

    /** A driver whose calls have a deadline of five seconds. */
    @Activate
    public GobgpDriver() {
        this(DEFAULT_DEADLINE);
    }

    /**
     * A driver with another deadline per call.
     *
     * @param deadline how long one gRPC call may take
     */
    public GobgpDriver(final Duration deadline) {
        this.deadline = requireNonNull(deadline);
    }

    @Override
    public String platform() {
        return "gobgp";
    }

    /**
     * {@inheritDoc}
     *
     * <p>The stations as gobgpd.toml {@code [[bmp-servers]]} blocks, then as the AddBmp calls the driver makes,
     * commented out: see {@link GobgpText}.
     */
    @Override
    public String render(final DeviceIntent intent) {
        return GobgpText.of(IntentStations.of(intent).values());
    }

    @Override
    public SyncResult sync(final Endpoint endpoint, final DeviceIntent intent, final Mode mode)
            throws DeviceException {
        requireNonNull(endpoint);
        requireNonNull(mode);
        final NavigableMap<StationAddress, StationConfig> intended = IntentStations.of(intent);
        final String rendered = GobgpText.of(intended.values());
        final DeviceSession session = session(endpoint);
        final var client = new GobgpApiClient(session.channel, session.name, deadline);

        synchronized (session) {
            final List<StationAddress> found = session.listBmp(client);
            final String before = session.readBack(found);
            final List<BmpCall> calls = plan(found, session.pushed, intended);
            final List<String> changes = calls.stream().map(BmpCall::line).toList();
            if (calls.isEmpty() || mode == Mode.CHECK) {
                return new SyncResult(rendered, before, changes, false, before, null);
            }

            LOG.info("{}: applying {}", session.name, changes);
            session.apply(client, calls);

            final List<StationAddress> readBack = session.listBmp(client);
            final String after = session.readBack(readBack);
            final List<BmpCall> missing = plan(readBack, session.pushed, intended);
            if (!missing.isEmpty()) {
                throw new DeviceException(Kind.REJECTED, session.name + ": after applying, ListBmp still differs "
                    + "from the intent; it would need " + missing.stream().map(BmpCall::line).toList());
            }
            return new SyncResult(rendered, before, changes, true, after, null);
        }
    }

    /** Shuts every channel down. */
    @Deactivate
    @Override
    public void close() {
        closed = true;
        final var channels = new ArrayList<ManagedChannel>();
        for (var session : sessions.values()) {
            channels.add(session.channel.shutdownNow());
        }
        sessions.clear();
        for (var channel : channels) {
            try {
                if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
                    LOG.warn("gRPC channel {} did not terminate in time", channel);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The calls that take gobgpd from what it has to the intent, station by station in address order: a station
     * the intent does not name is deleted; one it names is added if missing, and deleted and added again if its
     * remembered settings differ or are unknown.
     */
    private static List<BmpCall> plan(final Collection<StationAddress> found,
            final Map<StationAddress, StationConfig> pushed,
            final NavigableMap<StationAddress, StationConfig> intended) {
        final Set<StationAddress> present = new TreeSet<>(found);
        final Set<StationAddress> stations = new TreeSet<>(present);
        stations.addAll(intended.keySet());
        final var calls = new ArrayList<BmpCall>();
        for (var station : stations) {
            final StationConfig wanted = intended.get(station);
            final boolean isPresent = present.contains(station);
            final StationConfig known = isPresent ? pushed.get(station) : null;
            final boolean inSync = wanted != null && wanted.equals(known);
            if (isPresent && !inSync) {
                calls.add(new BmpCall.Delete(station, known));
            }
            if (wanted != null && !inSync) {
                calls.add(new BmpCall.Add(wanted));
            }
        }
        return calls;
    }

    private DeviceSession session(final Endpoint endpoint) {
        if (closed) {
            throw new IllegalStateException("the GoBGP driver is closed");
        }
        final int port = endpoint.port() > 0 ? endpoint.port() : DEFAULT_API_PORT;
        final String name = endpoint.host() + ":" + port;
        final DeviceSession session = sessions.computeIfAbsent(name,
            key -> new DeviceSession(name, NettyChannelBuilder.forAddress(endpoint.host(), port)
                .usePlaintext()
                .userAgent("bmpfleet")
                .build()));
        // After a failed attempt the channel waits out a backoff of up to two minutes before it dials again; a sync
        // is a deliberate retry, so it dials now.
        if (session.channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            session.channel.resetConnectBackoff();
        }
        return session;
    }

    /** One gobgpd: the channel to its API and what bmpfleet added there. */
    private static final class DeviceSession {
        final String name;
        final ManagedChannel channel;
        /** The settings of the stations this driver added and has not seen disappear, guarded by this. */
        final Map<StationAddress, StationConfig> pushed = new HashMap<>();

        DeviceSession(final String name, final ManagedChannel channel) {
            this.name = name;
            this.channel = channel;
        }

        /**
         * ListBmp; what gobgpd no longer has is forgotten, so that a station deleted and added again by someone else
         * is not taken for bmpfleet's.
         */
        List<StationAddress> listBmp(final GobgpApiClient client) throws DeviceException {
            final List<StationAddress> found = client.listBmp();
            pushed.keySet().retainAll(Set.copyOf(found));
            return found;
        }

        /** ListBmp's stations with their remembered settings, in the rendered format. */
        String readBack(final List<StationAddress> found) {
            return GobgpText.readBack(found, pushed);
        }

        /**
         * Makes the calls in order. When one fails, undoes the ones made before it, last first, and throws what
         * gobgpd said and whether the undo worked.
         */
        void apply(final GobgpApiClient client, final List<BmpCall> calls) throws DeviceException {
            final var done = new ArrayList<BmpCall>();
            for (var call : calls) {
                try {
                    perform(client, call);
                } catch (DeviceException e) {
                    final String restore = restore(client, done);
                    throw new DeviceException(e.kind() == Kind.UNREACHABLE ? Kind.UNREACHABLE : Kind.REJECTED,
                        e.getMessage() + "; " + restore, e);
                }
                done.add(call);
            }
        }

        private void perform(final GobgpApiClient client, final BmpCall call) throws DeviceException {
            if (call instanceof BmpCall.Add add) {
                client.addBmp(add.config());
                pushed.put(add.config().station(), add.config());
            } else if (call instanceof BmpCall.Delete delete) {
                client.deleteBmp(delete.station());
                pushed.remove(delete.station());
            }
        }

        private String restore(final GobgpApiClient client, final List<BmpCall> done) {
            if (done.isEmpty()) {
                return "nothing had been changed";
            }
            final var failures = new ArrayList<String>();
            boolean guessed = false;
            for (int i = done.size() - 1; i >= 0; i--) {
                final BmpCall call = done.get(i);
                try {
                    if (call instanceof BmpCall.Add add) {
                        client.deleteBmp(add.config().station());
                        pushed.remove(add.config().station());
                    } else if (call instanceof BmpCall.Delete delete) {
                        if (delete.previous() != null) {
                            client.addBmp(delete.previous());
                            pushed.put(delete.station(), delete.previous());
                        } else {
                            // Not bmpfleet's: its settings are unknown, GoBGP's defaults are the best guess.
                            client.addBmp(StationConfig.defaults(delete.station()));
                            guessed = true;
                        }
                    }
                } catch (DeviceException e) {
                    failures.add(e.getMessage());
                }
            }
            if (!failures.isEmpty()) {
                return "restoring the previous stations failed, gobgpd is left part-way: " + failures;
            }
            return guessed ? "restored the previous stations (those bmpfleet had not added with GoBGP's defaults)"
                : "restored the previous stations";
        }
    }
}
