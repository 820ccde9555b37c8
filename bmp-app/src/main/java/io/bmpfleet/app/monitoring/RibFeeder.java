/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.monitoring;

import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.bmp.codec.PeerHeaderView;
import io.bmpfleet.bmp.codec.bgp.AttributeView;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.bgp.PrefixView;
import io.bmpfleet.bmp.collector.RouteSink;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RibUpdate;
import io.bmpfleet.rib.RouteKey;
import io.bmpfleet.rib.RouterId;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds one router session's Route Monitoring into the RIB store: withdrawals and announcements of each UPDATE
 * together (withdrawals first, RFC 4271 section 9), in the RIB the per-peer header names (pre/post-policy,
 * Loc-RIB, Adj-RIB-Out), with the UPDATE's attributes as the route's shared attribute set.
 *
 * <p>The attribute set is the canonical form of the path attributes: each as type, flags (optional, transitive,
 * partial) and value, MP_UNREACH_NLRI left out and MP_REACH_NLRI cut to its AFI, SAFI and next hop, so that the
 * same attributes with other prefixes share one set.
 */
final class RibFeeder implements RouteSink {
    private static final int MP_REACH_NLRI = 14;
    private static final int MP_UNREACH_NLRI = 15;
    private static final int AFI_IPV6 = 2;

    private final RibStore store;
    private final RouterId router;
    private final AtomicLong notStored;
    private final EventBus events;
    private final InetSocketAddress session;
    private MonitoringEvent.Peer eventPeer;
    // The canonical attribute bytes of the UPDATE being visited (grown as needed, reused between UPDATEs).
    private byte[] attributes = new byte[512];
    private int attributesLength;
    private RibUpdate.Builder update = RibUpdate.builder();
    private boolean announcements;

    private final PeerHeaderView last = new PeerHeaderView();
    private PeerKey peer;
    private Rib rib;
    private AfiSafi lastFamily;

    RibFeeder(final RibStore store, final RouterId router, final InetSocketAddress session,
            final AtomicLong notStored, final EventBus events) {
        this.store = store;
        this.session = session;
        this.router = router;
        this.notStored = notStored;
        this.events = events;
    }

    @Override
    public void peer(final PeerHeaderView view) {
        if (peer == null || !last.samePeerAndRib(view)) {
            final var header = view.toRecord();
            peer = RouterStateMapper.ribPeer(header);
            eventPeer = RouterStateMapper.eventPeer(header);
            rib = Rib.of(header.peerType(), header.flags());
            last.copyFrom(view);
        }
    }

    @Override
    public void attribute(final AttributeView attribute) {
        final int type = attribute.type();
        if (type == MP_UNREACH_NLRI) {
            return;
        }
        final var buf = attribute.buffer();
        int length = attribute.valueLength();
        if (type == MP_REACH_NLRI) {
            // AFI (2), SAFI (1), next hop length (1), next hop: the rest is reserved and NLRI.
            length = Math.min(length, 4 + buf.getUnsignedByte(attribute.valueIndex() + 3));
        }
        if (attributesLength + length + 4 > attributes.length) {
            attributes = Arrays.copyOf(attributes, Math.max(attributes.length * 2, attributesLength + length + 4));
        }
        attributes[attributesLength] = (byte) type;
        attributes[attributesLength + 1] = (byte) (attribute.flags() & 0xE0);
        attributes[attributesLength + 2] = (byte) (length >>> 8);
        attributes[attributesLength + 3] = (byte) length;
        buf.getBytes(attribute.valueIndex(), attributes, attributesLength + 4, length);
        attributesLength += length + 4;
    }

    /** The AFI/SAFI of a prefix, allocated only when it differs from the previous prefix's. */
    private AfiSafi family(final PrefixView prefix) {
        if (lastFamily == null || lastFamily.afi() != prefix.afi() || lastFamily.safi() != prefix.safi()) {
            lastFamily = new AfiSafi(prefix.afi(), prefix.safi());
        }
        return lastFamily;
    }

    @Override
    public void withdrawn(final PrefixView prefix) {
        final var family = family(prefix);
        if (family.isPrefixFamily()) {
            update.withdraw(family, key(prefix));
        } else {
            notStored.incrementAndGet();
        }
    }

    @Override
    public void announced(final PrefixView prefix) {
        final var family = family(prefix);
        if (family.isPrefixFamily()) {
            update.announce(family, key(prefix));
            announcements = true;
        } else {
            notStored.incrementAndGet();
        }
    }

    private static RouteKey key(final PrefixView view) {
        final var prefix = view.afi() == AFI_IPV6 ? Prefix.ipv6(view.high(), view.low(), view.length())
            : Prefix.ipv4(view.ipv4(), view.length());
        // The store's path ID 0 stands for "no Add-Path".
        final long pathId = view.pathId();
        return new RouteKey(prefix, pathId == Nlri.NO_PATH_ID ? 0 : (int) pathId, view.hasRd() ? view.rd() : 0);
    }

    @Override
    public void complete() {
        try {
            if (announcements) {
                update.attributes(attributes, 0, attributesLength);
            }
            final var result = store.apply(router, peer, rib, update.build());
            if (events.hasSubscribers()) {
                events.publish(new MonitoringEvent.RouteChanges(Instant.now(), session, eventPeer, rib.name(),
                    result.added() + result.replaced(), result.withdrawn()));
            }
        } catch (IllegalArgumentException e) {
            // A prefix that does not fit its family: the store refuses the whole UPDATE, nothing half applied.
            notStored.incrementAndGet();
        } finally {
            discard();
        }
    }

    @Override
    public void discard() {
        attributesLength = 0;
        update = RibUpdate.builder();
        announcements = false;
    }
}
