/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.monitoring;

import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.app.events.RouteKeys;
import io.bmpfleet.bmp.codec.PeerHeaderView;
import io.bmpfleet.bmp.codec.bgp.AddressFamily;
import io.bmpfleet.bmp.codec.bgp.AttributeView;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.bmpfleet.bmp.codec.bgp.PrefixView;
import io.bmpfleet.bmp.collector.RouteSink;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RibWriter;
import io.bmpfleet.rib.RouterId;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds one router session's Route Monitoring into the RIB store: withdrawals and announcements of each UPDATE
 * together (withdrawals first, RFC 4271 section 9), in the RIB the per-peer header names (pre/post-policy,
 * Loc-RIB, Adj-RIB-Out), with the UPDATE's attributes as the route's shared attribute set.
 *
 * <p>The attribute set is the canonical form of the path attributes, in RFC 4271's layout so that readers (such
 * as {@code AttributeSet.attributeValue} and {@code BgpDecoder.decodeAttributes}) can walk it: each attribute as
 * flags (optional, transitive, partial, and always the extended-length bit), type, two-octet length and value;
 * MP_UNREACH_NLRI left out, MP_REACH_NLRI cut to its AFI, SAFI and next hop, so that the same attributes with other
 * prefixes share one set; AS numbers in AS_PATH and AGGREGATOR always of four octets (a legacy 2-octet session's
 * are widened).
 */
final class RibFeeder implements RouteSink {
    private final RibWriter writer;
    private final EventBus events;
    private final InetSocketAddress session;
    private MonitoringEvent.Peer eventPeer;
    // The canonical attribute bytes of the UPDATE being visited (grown as needed, reused between UPDATEs).
    private byte[] attributes = new byte[512];
    private int attributesLength;

    private final PeerHeaderView last = new PeerHeaderView();
    private PeerKey peer;
    private Rib rib;
    // The per-peer header's timestamp of the message being visited.
    private long bmpSeconds;
    private long bmpMicros;
    // The routes of the UPDATE, collected only while someone subscribed to route-level events. The flag is read
    // after each route is applied: a route applied before a subscription came is in the table that subscriber
    // reads first (ObserveRib dumps after subscribing), and every route applied after it is in the event.
    private boolean collect;
    private final RouteKeys.Builder announcedKeys = new RouteKeys.Builder();
    private final RouteKeys.Builder withdrawnKeys = new RouteKeys.Builder();
    // Written by the session's thread, read by the state publisher.
    private final ConcurrentHashMap<Integer, AtomicLong> notKept = new ConcurrentHashMap<>();

    RibFeeder(final RibStore store, final RouterId router, final InetSocketAddress session,
            final EventBus events) {
        this.writer = store.writer(router);
        this.session = session;
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
        bmpSeconds = view.timestampSeconds();
        bmpMicros = view.timestampMicros();
        writer.begin(peer, rib);
        attributesLength = 0;
        collect = false;
        announcedKeys.clear();
        withdrawnKeys.clear();
    }

    @Override
    public void attribute(final AttributeView attribute) {
        final int type = attribute.type();
        if (type == PathAttribute.MP_UNREACH_NLRI) {
            return;
        }
        final var buf = attribute.buffer();
        int length = attribute.valueLength();
        if (attribute.asSize() == 2 && (type == PathAttribute.AS_PATH || type == PathAttribute.AGGREGATOR)) {
            widen(attribute);
            return;
        }
        if (type == PathAttribute.MP_REACH_NLRI) {
            // AFI (2), SAFI (1), next hop length (1), next hop: the rest is reserved and NLRI.
            length = Math.min(length, 4 + buf.getUnsignedByte(attribute.valueIndex() + 3));
        }
        if (attributesLength + length + 4 > attributes.length) {
            attributes = Arrays.copyOf(attributes, Math.max(attributes.length * 2, attributesLength + length + 4));
        }
        attributes[attributesLength] = (byte) (attribute.flags() & 0xE0 | PathAttribute.FLAG_EXTENDED_LENGTH);
        attributes[attributesLength + 1] = (byte) type;
        attributes[attributesLength + 2] = (byte) (length >>> 8);
        attributes[attributesLength + 3] = (byte) length;
        buf.getBytes(attribute.valueIndex(), attributes, attributesLength + 4, length);
        attributesLength += length + 4;
    }

    /**
     * Stores a 2-octet AS_PATH or AGGREGATOR (a legacy session, BMP's A flag) with 4-octet AS numbers: the store
     * keeps one form, so its readers decode every route the same way.
     */
    private void widen(final AttributeView attribute) {
        final var buf = attribute.buffer();
        final int start = attribute.valueIndex();
        final int end = start + attribute.valueLength();
        final int room = attribute.valueLength() * 2 + 4;
        if (attributesLength + room > attributes.length) {
            attributes = Arrays.copyOf(attributes, Math.max(attributes.length * 2, attributesLength + room));
        }
        int out = attributesLength + 4;
        if (attribute.type() == PathAttribute.AGGREGATOR) {
            // AS (2) and address (4) -> AS (4) and address (4)
            out = putAs(out, buf.getUnsignedShort(start));
            buf.getBytes(start + 2, attributes, out, 4);
            out += 4;
        } else {
            // Segments: type (1), count (1), count AS numbers; the codec checked that they fit.
            for (int at = start; at + 2 <= end;) {
                final int count = buf.getUnsignedByte(at + 1);
                attributes[out++] = buf.getByte(at);
                attributes[out++] = (byte) count;
                at += 2;
                for (int i = 0; i < count && at + 2 <= end; i++, at += 2) {
                    out = putAs(out, buf.getUnsignedShort(at));
                }
            }
        }
        final int length = out - attributesLength - 4;
        attributes[attributesLength] = (byte) (attribute.flags() & 0xE0 | PathAttribute.FLAG_EXTENDED_LENGTH);
        attributes[attributesLength + 1] = (byte) attribute.type();
        attributes[attributesLength + 2] = (byte) (length >>> 8);
        attributes[attributesLength + 3] = (byte) length;
        attributesLength = out;
    }

    private int putAs(final int at, final int as) {
        attributes[at] = 0;
        attributes[at + 1] = 0;
        attributes[at + 2] = (byte) (as >>> 8);
        attributes[at + 3] = (byte) as;
        return at + 4;
    }

    @Override
    public void endOfAttributes() {
        writer.attributes(attributes, 0, attributesLength);
    }

    /**
     * NLRI the store did not keep, per AFI/SAFI ({@code afi << 8 | safi}): EVPN routes one by one; families the
     * codec does not decode (flowspec, MVPN, RT constraint, ...) one per NLRI field, since their routes cannot be
     * told apart.
     *
     * @return a snapshot
     */
    Map<AfiSafi, Long> notKept() {
        final var out = new HashMap<AfiSafi, Long>();
        notKept.forEach((family, count) -> out.put(new AfiSafi(family >>> 8, family & 0xFF), count.get()));
        return out;
    }

    @Override
    public void withdrawn(final PrefixView prefix) {
        apply(prefix, false);
    }

    @Override
    public void announced(final PrefixView prefix) {
        apply(prefix, true);
    }

    /**
     * One route into the store, and into the UPDATE's event when someone wants route-level events. What the store
     * does not key by prefix (it says so: {@code RibWriter} returns false) is counted per family instead.
     */
    private void apply(final PrefixView prefix, final boolean announce) {
        final int afi = prefix.afi();
        final int safi = prefix.safi();
        final long high = high(prefix);
        final long low = low(prefix);
        final int length = prefix.length();
        final int pathId = pathId(prefix);
        final long rd = prefix.hasRd() ? prefix.rd() : 0;
        final boolean applied = announce ? writer.announce(afi, safi, high, low, length, pathId, rd)
            : writer.withdraw(afi, safi, high, low, length, pathId, rd);
        if (!applied) {
            notKept.computeIfAbsent(afi << 8 | safi & 0xFF, unused -> new AtomicLong()).incrementAndGet();
        } else if (collecting()) {
            (announce ? announcedKeys : withdrawnKeys).add(afi, safi, high, low, length, pathId, rd);
        }
    }

    private boolean collecting() {
        if (!collect) {
            collect = events.hasRouteSubscribers();
        }
        return collect;
    }

    private static long high(final PrefixView view) {
        return view.afi() == AddressFamily.AFI_IPV6 ? view.high() : view.ipv4() & 0xFFFFFFFFL;
    }

    private static long low(final PrefixView view) {
        return view.afi() == AddressFamily.AFI_IPV6 ? view.low() : 0;
    }

    private static int pathId(final PrefixView view) {
        // The store's path ID 0 stands for "no Add-Path".
        final long pathId = view.pathId();
        return pathId == Nlri.NO_PATH_ID ? 0 : (int) pathId;
    }

    @Override
    public void complete() {
        final var set = writer.attributeSet();
        writer.end();
        if (collect && rib != null) {
            final var announced = announcedKeys.build();
            final var withdrawn = withdrawnKeys.build();
            if (!announced.isEmpty() || !withdrawn.isEmpty()) {
                events.publish(new MonitoringEvent.RouteUpdate(Instant.now(), session, peer, rib,
                    announced.isEmpty() ? null : set, announced, withdrawn,
                    MonitoringEvent.bmpTime(bmpSeconds, bmpMicros)));
            }
        }
        if (rib != null && events.hasSubscribers()) {
            events.publish(new MonitoringEvent.RouteChanges(Instant.now(), session, eventPeer, rib.name(),
                writer.added() + writer.replaced(), writer.withdrawn(),
                MonitoringEvent.bmpTime(bmpSeconds, bmpMicros)));
        }
    }

    @Override
    public void discard() {
        // The codec validates a whole UPDATE before its first prefix: a discarded one changed nothing.
        writer.end();
        announcedKeys.clear();
        withdrawnKeys.clear();
    }
}
