/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.monitoring;

import io.bmpfleet.app.api.RibStoreTables;
import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.collector.RouteSink;
import io.bmpfleet.bmp.collector.RouterState;
import io.bmpfleet.bmp.collector.SessionListener;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RouterId;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Feeds what the router sessions say into the RIB store and onto the event bus: each session's Route Monitoring
 * into its tables (through a {@link RibFeeder}), a Peer Down empties that peer's tables, an ended session empties
 * the session's; session, peer and statistics events go to the bus when someone listens. It owns the RIB store and
 * publishes it read-only as {@link RouteTables}; the collector ({@link CollectorControl}) calls it as its
 * {@link SessionListener}.
 */
@Component(service = { SessionListener.class, RouteTables.class })
public final class SessionFeeder extends RibStoreTables implements SessionListener {
    private final RibStore ribs;
    private final EventBus events;
    // Each live session's feeder, for its counts of what it did not keep.
    private final ConcurrentHashMap<RouterId, RibFeeder> feeders = new ConcurrentHashMap<>();

    @Activate
    public SessionFeeder(@Reference final EventBus events) {
        this(new RibStore(), events);
    }

    private SessionFeeder(final RibStore ribs, final EventBus events) {
        super(ribs);
        this.ribs = ribs;
        this.events = events;
    }

    /** A session's routes are its own: routers sharing an address (or one router's two sessions) never mix. */
    static RouterId routerId(final InetSocketAddress session) {
        return RouterId.of(session);
    }

    @Override
    public RouteSink routeSink(final RouterState router) {
        final var feeder = new RibFeeder(ribs, routerId(router.remote()), router.remote(), events);
        feeders.put(routerId(router.remote()), feeder);
        return feeder;
    }

    @Override
    public Map<AfiSafi, Long> notKept(final RouterId router) {
        final var feeder = feeders.get(router);
        return feeder == null ? Map.of() : feeder.notKept();
    }

    @Override
    public void sessionUp(final RouterState router) {
        if (events.hasSubscribers()) {
            events.publish(new MonitoringEvent.SessionUp(Instant.now(), router.remote()));
        }
    }

    @Override
    public boolean wantsReceived() {
        return events.hasRawSubscribers();
    }

    @Override
    public void received(final RouterState router, final ByteBuf message) {
        final byte[] copy = new byte[message.readableBytes()];
        message.getBytes(message.readerIndex(), copy);
        events.publish(new MonitoringEvent.RawMessage(Instant.now(), router.remote(), copy));
    }

    @Override
    public void message(final RouterState router, final BmpMessage message) {
        if (message instanceof BmpMessage.PeerDownNotification down) {
            // The peer the router state took down (a Peer Down with BGP ID 0 names the peer at its address).
            final var peer = RouterStateMapper.ribPeer(router.knownHeader(down.peer()));
            final int dropped = ribs.clearPeer(routerId(router.remote()), peer);
            if (events.hasRouteSubscribers()) {
                events.publish(new MonitoringEvent.TablesCleared(Instant.now(), router.remote(), peer, dropped));
            }
        }
        if (!events.hasSubscribers()) {
            return;
        }
        final var now = Instant.now();
        if (message instanceof BmpMessage.InitiationMessage) {
            events.publish(new MonitoringEvent.Initiation(now, router.remote(), router.sysName(), router.sysDescr()));
        } else if (message instanceof BmpMessage.PeerUpNotification up) {
            events.publish(new MonitoringEvent.PeerUp(now, router.remote(), RouterStateMapper.eventPeer(up.peer()),
                bmpTime(up.peer()), up));
        } else if (message instanceof BmpMessage.PeerDownNotification down) {
            events.publish(new MonitoringEvent.PeerDown(now, router.remote(), RouterStateMapper.eventPeer(
                down.peer()), RouterState.peerDownText(down), bmpTime(down.peer())));
        } else if (message instanceof BmpMessage.StatisticsReport report) {
            final var values = new HashMap<String, Long>();
            report.stats().forEach(stat -> {
                final var key = RouterState.StatKey.of(stat);
                values.put(key.type() + "/" + key.afi() + "/" + key.safi(), RouterState.valueOf(stat));
            });
            events.publish(new MonitoringEvent.Statistics(now, router.remote(),
                RouterStateMapper.eventPeer(report.peer()), values, bmpTime(report.peer())));
        }
    }

    private static Instant bmpTime(final io.bmpfleet.bmp.codec.PerPeerHeader header) {
        return MonitoringEvent.bmpTime(header.timestampSeconds(), header.timestampMicros());
    }

    @Override
    public void sessionDown(final RouterState router, final String reason) {
        final int dropped = ribs.clearRouter(routerId(router.remote()));
        feeders.remove(routerId(router.remote()));
        if (events.hasRouteSubscribers()) {
            events.publish(new MonitoringEvent.TablesCleared(Instant.now(), router.remote(), null, dropped));
        }
        if (events.hasSubscribers()) {
            events.publish(new MonitoringEvent.SessionDown(Instant.now(), router.remote(), reason));
        }
    }
}
