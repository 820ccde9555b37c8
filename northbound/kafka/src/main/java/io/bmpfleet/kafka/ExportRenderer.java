/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.app.events.RouteKeys;
import io.bmpfleet.app.routes.RouteAttributes;
import io.bmpfleet.app.routes.RouteNames;
import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.AttributeSet;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RouteKey;
import io.bmpfleet.rib.RouteTable;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the collector's events into the export's Kafka messages, in OpenBMP's formats: each one with its topic, its
 * key (the router's hash for bmp_raw and router, the peer's hash for peer, prefixes and statistics, so one partition
 * keeps a peer's order) and its value. Sequence numbers count records per router session and object type, as
 * OpenBMP's do. One renderer per export, called from one thread.
 */
public final class ExportRenderer {
    /** The header that names a marker: {@code gap}, {@code snapshot-begin} or {@code snapshot-end}. */
    public static final String MARKER = "BMPFLEET_MARKER";

    /**
     * One Kafka message.
     *
     * @param topic its topic
     * @param key its key
     * @param value its value
     * @param records how many records it holds
     * @param everyPartition whether it goes to every partition of the topic (a gap marker), not by its key
     */
    public record Output(ExportTopic topic, byte[] key, byte[] value, int records, boolean everyPartition) {
        /**
         * A message sent by its key.
         *
         * @param topic its topic
         * @param key its key
         * @param value its value
         * @param records how many records it holds
         */
        public Output(final ExportTopic topic, final byte[] key, final byte[] value, final int records) {
            this(topic, key, value, records, false);
        }
    }

    private final String adminId;
    private final byte[] collectorHash;
    private final String collectorHex;
    private final Map<InetSocketAddress, RouterContext> routers = new HashMap<>();
    private long collectorSequence;

    /**
     * A renderer for a collector of this name.
     *
     * @param adminId the collector's admin ID
     */
    public ExportRenderer(final String adminId) {
        this.adminId = adminId;
        collectorHash = OpenBmpIds.collector(adminId);
        collectorHex = OpenBmpIds.hex(collectorHash);
    }

    /**
     * The messages one event makes (none for events OpenBMP has no object for).
     *
     * @param event the event
     * @return the messages, in order
     */
    public List<Output> render(final MonitoringEvent event) {
        final var out = new ArrayList<Output>(2);
        if (event instanceof MonitoringEvent.RawMessage raw) {
            final var router = router(raw.router());
            out.add(new Output(ExportTopic.BMP_RAW, router.hash, RawHeader.message(raw.time(), collectorHash,
                adminId, router.hash, raw.router().getAddress(), "", raw.message()), 1));
        } else if (event instanceof MonitoringEvent.Initiation init) {
            final var router = router(init.router());
            out.add(routerRecord(router, "init", init.sysName(), init.sysDescr(), null, init.time()));
            out.add(collector("change", init.time()));
        } else if (event instanceof MonitoringEvent.SessionDown down) {
            final var router = router(down.router());
            out.add(routerRecord(router, "term", null, null, down.reason(), down.time()));
            routers.remove(down.router());
            out.add(collector("change", down.time()));
        } else if (event instanceof MonitoringEvent.PeerUp up) {
            out.add(peerUp(up));
        } else if (event instanceof MonitoringEvent.PeerDown down) {
            out.add(peerDown(down));
        } else if (event instanceof MonitoringEvent.Statistics stats) {
            out.add(statistics(stats));
        } else if (event instanceof MonitoringEvent.RouteChanges changes) {
            peer(router(changes.router()), changes.peer());
        } else if (event instanceof MonitoringEvent.RouteUpdate update) {
            routes(update, out);
        }
        return out;
    }

    /**
     * A collector record: started, change, heartbeat or stopped, with the routers whose sessions are known.
     *
     * @param action the action
     * @param time when
     * @return the message
     */
    public Output collector(final String action, final Instant time) {
        final String list = routers.keySet().stream().map(a -> a.getAddress().getHostAddress())
            .collect(Collectors.joining(", "));
        final var message = new ParsedMessage(ExportTopic.COLLECTOR.objectType(), collectorHex)
            .record(action, collectorSequence++, adminId, collectorHex, list, routers.size(),
                ParsedMessage.time(time));
        return new Output(ExportTopic.COLLECTOR, ascii(collectorHex), message.toBytes(), 1);
    }

    /**
     * A gap marker: a message without records that says how many messages of a topic were not sent and when, for
     * every partition of that topic. The raw topic carries only BMP messages, so its gaps are marked on the
     * collector topic (with {@code BMPFLEET_TOPIC} naming it).
     *
     * @param topic the topic that lost messages
     * @param topicName its full name
     * @param dropped how many
     * @param first when the first of them was dropped
     * @param last when the last was
     * @return the marker
     */
    public Output gapMarker(final ExportTopic topic, final String topicName, final long dropped, final Instant first,
            final Instant last) {
        final var carrier = topic == ExportTopic.BMP_RAW ? ExportTopic.COLLECTOR : topic;
        final var message = parsed(carrier).header(MARKER, "gap").header("BMPFLEET_TOPIC", topicName)
            .header("BMPFLEET_DROPPED", dropped).header("BMPFLEET_GAP_START", ParsedMessage.time(first))
            .header("BMPFLEET_GAP_END", ParsedMessage.time(last));
        return new Output(carrier, ascii(collectorHex), message.toBytes(), 0, true);
    }

    /**
     * The begin or end marker of one table in a snapshot, in the partition of the peer's routes.
     *
     * @param router the router session
     * @param table the table
     * @param begin whether it begins the table (else it ends it)
     * @param snapshot the snapshot's number
     * @param routes for the end marker, how many routes were written
     * @return the marker
     */
    public Output snapshotMarker(final RouterId router, final TableKey table, final boolean begin,
            final long snapshot, final long routes) {
        final var context = router(new InetSocketAddress(router.address(), router.port()));
        final var peer = context.peer(table.peer().peerType(), table.peer().distinguisher(), table.peer().address());
        final var topic = topicOf(table.afiSafi());
        final var message = parsed(topic).header(MARKER, begin ? "snapshot-begin" : "snapshot-end")
            .header("BMPFLEET_SNAPSHOT", snapshot).header("BMPFLEET_ROUTER_HASH_ID", context.hex)
            .header("BMPFLEET_PEER_HASH_ID", peer.hex)
            .header("BMPFLEET_RIB", RouteNames.modelRib(table.rib()).getName())
            .header("BMPFLEET_AFI_SAFI", RouteNames.family(table.afiSafi()));
        if (!begin) {
            message.header("BMPFLEET_ROUTES", routes);
        }
        return new Output(topic, ascii(peer.hex), message.toBytes(), 0);
    }

    /**
     * A snapshot's routes of one chunk of a table, as add records in one message keyed by the peer.
     *
     * @param router the router session
     * @param table the table
     * @param chunk its routes
     * @param time the snapshot's time
     * @param attributes attribute sets already written, kept by the caller across a table's chunks (one peer's)
     * @return the message (null when the chunk is empty)
     */
    public Output snapshotRows(final RouterId router, final TableKey table, final RouteTable.Chunk chunk,
            final Instant time, final Map<AttributeSet, RouteRecords.Attributes> attributes) {
        if (chunk.size() == 0) {
            return null;
        }
        final var context = router(new InetSocketAddress(router.address(), router.port()));
        final PeerKey key = table.peer();
        final var peer = context.peer(key.peerType(), key.distinguisher(), key.address());
        final var source = new RouteRecords.Source(context.hex, context.ip, peer.hex, peer.ip, peer.as);
        final var family = table.afiSafi();
        final var topic = topicOf(family);
        final boolean ipv6 = family.afi() == 2;
        final var message = new ParsedMessage(topic.objectType(), collectorHex, chunk.size());
        final String when = ParsedMessage.time(time);
        for (int i = 0; i < chunk.size(); i++) {
            final var prefix = ipv6 ? Prefix.ipv6(chunk.high(i), chunk.low(i), chunk.length(i))
                : Prefix.ipv4((int) chunk.high(i), chunk.length(i));
            final AttributeSet set = chunk.attributes(i);
            final var written = attributes.computeIfAbsent(set, s -> RouteRecords.Attributes.of(
                OpenBmpAttributes.of(RouteAttributes.decode(s), family), peer.hex));
            RouteRecords.add(message, topic == ExportTopic.L3VPN, context.next(topic), source, when,
                new RouteKey(prefix, chunk.pathId(i), chunk.rd(i)), table.rib(), written);
        }
        return new Output(topic, ascii(peer.hex), message.toBytes(), message.records());
    }

    private static ExportTopic topicOf(final AfiSafi family) {
        return family.safi() == 128 ? ExportTopic.L3VPN : ExportTopic.UNICAST_PREFIX;
    }

    private Output routerRecord(final RouterContext router, final String action, final String name,
            final String description, final String termReason, final Instant time) {
        final var message = parsed(ExportTopic.ROUTER).record(action, router.next(ExportTopic.ROUTER), name,
            router.hex, router.ip, description, null, termReason, null, null, ParsedMessage.time(time), null);
        return new Output(ExportTopic.ROUTER, ascii(router.hex), message.toBytes(), 1);
    }

    private Output peerUp(final MonitoringEvent.PeerUp up) {
        final var router = router(up.router());
        final var peer = peer(router, up.peer());
        final Object[] fields = peerRecord("up", router, peer, up.peer(), time(up.bmpTime(), up.time()));
        final var note = up.notification();
        if (note != null) {
            final BgpMessage.Open sent = note.sentOpen();
            final BgpMessage.Open received = note.receivedOpen();
            fields[11] = note.remotePort();
            fields[12] = sent.asNumber();
            fields[13] = note.localAddress().getHostAddress();
            fields[14] = note.localPort();
            fields[15] = AddressText.ipv4(sent.bgpId());
            fields[17] = capabilities(sent);
            fields[18] = capabilities(received);
            fields[19] = received.holdTime();
            fields[20] = sent.holdTime();
            fields[26] = (note.peer().flags() & Rib.FLAG_L) == 0;
            fields[29] = peer.type == Rib.PEER_TYPE_LOC_RIB && (note.peer().flags() & 0x80) != 0;
        }
        return peerOutput(peer, fields);
    }

    private Output peerDown(final MonitoringEvent.PeerDown down) {
        final var router = router(down.router());
        final var peer = peer(router, down.peer());
        final Object[] fields = peerRecord("down", router, peer, down.peer(), time(down.bmpTime(), down.time()));
        fields[24] = down.reason();
        return peerOutput(peer, fields);
    }

    /** A peer record's 31 fields, those every action has filled in; the action's own are left to the caller. */
    private static Object[] peerRecord(final String action, final RouterContext router, final PeerContext peer,
            final MonitoringEvent.Peer event, final Instant time) {
        final Object[] fields = new Object[31];
        fields[0] = action;
        fields[1] = router.next(ExportTopic.PEER);
        fields[2] = peer.hex;
        fields[3] = router.hex;
        fields[5] = AddressText.ipv4(event.bgpId());
        fields[6] = router.ip;
        fields[7] = ParsedMessage.time(time);
        fields[8] = event.as();
        fields[9] = peer.ip;
        fields[10] = peer.rd;
        fields[25] = peer.type == 1;
        fields[27] = peer.ipv4;
        fields[28] = peer.type == Rib.PEER_TYPE_LOC_RIB;
        return fields;
    }

    private Output peerOutput(final PeerContext peer, final Object[] fields) {
        return new Output(ExportTopic.PEER, ascii(peer.hex), parsed(ExportTopic.PEER).record(fields).toBytes(), 1);
    }

    private Output statistics(final MonitoringEvent.Statistics stats) {
        final var router = router(stats.router());
        final var peer = peer(router, stats.peer());
        final Object[] fields = new Object[17];
        fields[0] = "add";
        fields[1] = router.next(ExportTopic.BMP_STAT);
        fields[2] = router.hex;
        fields[3] = router.ip;
        fields[4] = peer.hex;
        fields[5] = peer.ip;
        fields[6] = peer.as;
        fields[7] = ParsedMessage.time(time(stats.bmpTime(), stats.time()));
        // RFC 7854 types 0-8, the counters OpenBMP's record lists in that order
        for (int type = 0; type <= 8; type++) {
            fields[8 + type] = stats.values().get(type + "/0/0");
        }
        final var message = parsed(ExportTopic.BMP_STAT).record(fields);
        return new Output(ExportTopic.BMP_STAT, ascii(peer.hex), message.toBytes(), 1);
    }

    /** The peer an event names, whose AS it tells (route events name peers without one). */
    private static PeerContext peer(final RouterContext router, final MonitoringEvent.Peer event) {
        final var peer = router.peer(event.peerType(), event.distinguisher(), event.address());
        peer.as = event.as();
        return peer;
    }

    private void routes(final MonitoringEvent.RouteUpdate update, final List<Output> out) {
        final var router = router(update.router());
        final PeerKey key = update.peer();
        final var peer = router.peer(key.peerType(), key.distinguisher(), key.address());
        final var source = new RouteRecords.Source(router.hex, router.ip, peer.hex, peer.ip, peer.as);
        final Instant time = time(update.bmpTime(), update.time());
        final var messages = new EnumMap<ExportTopic, ParsedMessage>(ExportTopic.class);
        add(messages, router, source, time, update.withdrawn(), update.rib(), null);
        if (update.attributes() != null && !update.announced().isEmpty()) {
            add(messages, router, source, time, update.announced(), update.rib(),
                RouteAttributes.decode(update.attributes()));
        }
        messages.forEach((topic, message) -> out.add(new Output(topic, ascii(peer.hex), message.toBytes(),
            message.records())));
    }

    private void add(final Map<ExportTopic, ParsedMessage> messages, final RouterContext router,
            final RouteRecords.Source source, final Instant time, final RouteKeys routes, final Rib rib,
            final RouteAttributes attributes) {
        final var written = new HashMap<AfiSafi, RouteRecords.Attributes>();
        final String when = ParsedMessage.time(time);
        for (int i = 0; i < routes.size(); i++) {
            final AfiSafi family = routes.family(i);
            final var topic = topicOf(family);
            final var message = messages.computeIfAbsent(topic, this::parsed);
            RouteRecords.add(message, topic == ExportTopic.L3VPN, router.next(topic), source, when, routes.key(i), rib,
                attributes == null ? null : written.computeIfAbsent(family, f -> RouteRecords.Attributes.of(
                    OpenBmpAttributes.of(attributes, f), source.peerHex())));
        }
    }

    private ParsedMessage parsed(final ExportTopic topic) {
        return new ParsedMessage(topic.objectType(), collectorHex);
    }

    private RouterContext router(final InetSocketAddress session) {
        return routers.computeIfAbsent(session, s -> new RouterContext(RouterId.of(s), collectorHex));
    }

    private static Instant time(final Instant bmpTime, final Instant collectorTime) {
        return bmpTime != null ? bmpTime : collectorTime;
    }

    private static String capabilities(final BgpMessage.Open open) {
        return open == null ? null : open.capabilities().stream().map(Object::toString)
            .collect(Collectors.joining(", "));
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A router session as the records name it, with its sequence numbers and peers. */
    private static final class RouterContext {
        private final byte[] hash;
        private final String hex;
        private final String ip;
        private final long[] sequences = new long[ExportTopic.values().length];
        private final Map<PeerRef, PeerContext> peers = new HashMap<>();

        RouterContext(final RouterId id, final String collectorHex) {
            hash = OpenBmpIds.router(id, collectorHex);
            hex = OpenBmpIds.hex(hash);
            ip = id.address().getHostAddress();
        }

        long next(final ExportTopic topic) {
            return sequences[topic.ordinal()]++;
        }

        PeerContext peer(final int type, final long distinguisher, final InetAddress address) {
            return peers.computeIfAbsent(new PeerRef(type, distinguisher, address),
                ref -> new PeerContext(ref, hex));
        }
    }

    /** A peer as OpenBMP identifies it: its BGP identifier is not part of it. */
    private record PeerRef(int type, long distinguisher, InetAddress address) {
    }

    private static final class PeerContext {
        private final int type;
        private final String hex;
        private final String ip;
        private final String rd;
        private final boolean ipv4;
        private Long as;

        PeerContext(final PeerRef ref, final String routerHex) {
            type = ref.type();
            ip = ref.address().getHostAddress();
            rd = RouteNames.distinguisher(ref.distinguisher());
            ipv4 = ref.address() instanceof Inet4Address;
            hex = OpenBmpIds.hex(OpenBmpIds.peer(ip, rd, routerHex, type == Rib.PEER_TYPE_LOC_RIB));
        }
    }
}
