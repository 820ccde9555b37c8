/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertThrows;

import io.bmpfleet.app.credentials.Credential;
import io.bmpfleet.app.credentials.CredentialStore;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.app.intent.IntentModel;
import io.bmpfleet.bmp.codec.BmpEncoder;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.BmpTlv;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.Stat;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.Capability;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.bmpfleet.bmp.collector.BmpCollector;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RouteKey;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.After;
import org.junit.Assume;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.summary.Exposure;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * The monitoring components wired as OSGi wires them: the collector driven by the intent ({@link CollectorControl}),
 * its sessions fed into the RIB and onto the event bus ({@link SessionFeeder}), published to the operational
 * datastore ({@link StatePublisher}).
 */
public class MonitoringComponentsTest extends AbstractConcurrentDataBrokerTest {
    private static final InetAddress PEER = address("192.0.2.7");
    private static final PerPeerHeader HEADER = new PerPeerHeader(PerPeerHeader.GLOBAL_INSTANCE, 0, 0, PEER, 65001,
        0xC0000207L, 1_700_000_000L, 0);

    private Components service;

    /** The three components, wired by constructor as DS wires them. */
    private static final class Components implements AutoCloseable {
        final SessionFeeder feeder;
        final CollectorControl control;
        final StatePublisher publisher;

        Components(final DataBroker broker, final EventBus bus, final Duration interval) {
            this(broker, bus, interval, CredentialStore.unencrypted(CredentialStore.defaultFile()));
        }

        Components(final DataBroker broker, final EventBus bus, final Duration interval,
                final CredentialStore credentials) {
            feeder = new SessionFeeder(bus);
            control = new CollectorControl(broker, feeder, interval, credentials);
            publisher = new StatePublisher(broker, control, feeder, interval);
        }

        SessionFeeder ribs() {
            return feeder;
        }

        @Override
        public void close() {
            publisher.close();
            control.close();
        }
    }

    public MonitoringComponentsTest() {
        super(true);
    }

    @After
    public void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    public void routersAppearInTheOperationalStateAndListenersFollowTheIntent() throws Exception {
        service = new Components(getDataBroker(), new EventBus(), Duration.ofMillis(100));
        final int port = freePort();
        writeIntent(port, true);

        try (var router = connectWithRetry(port)) {
            send(router, new BmpMessage.InitiationMessage(List.of(BmpTlv.ofString(BmpTlv.SYS_NAME, "frr-1"))));
            final var open = new BgpMessage.Open(4, 65001, 90, 0xC0000207L,
                List.of(new Capability.Multiprotocol(1, 1)), List.of());
            send(router, new BmpMessage.PeerUpNotification(HEADER, address("192.0.2.1"), 179, 40000, open, open,
                List.of()));
            send(router, new BmpMessage.StatisticsReport(HEADER, List.of(new Stat.Counter(0, 7))));

            final var state = awaitState(s -> s.getSummary() != null && s.getSummary().getPeersUp() != null
                && s.getSummary().getPeersUp().toJava() == 1 && s.nonnullRouter().values().stream()
                    .anyMatch(r -> r.nonnullPeer().values().stream().anyMatch(p -> !p.nonnullStatistic().isEmpty())));
            final var entry = state.nonnullRouter().values().iterator().next();
            assertThat(entry.getSysName()).isEqualTo("frr-1");
            assertThat(entry.getState()).isEqualTo(SessionState.Up);
            final var peer = entry.nonnullPeer().values().iterator().next();
            assertThat(peer.getPeerAddress().getIpv4Address().getValue()).isEqualTo("192.0.2.7");
            assertThat(peer.getBgpId().getValue()).isEqualTo("192.0.2.7");
            assertThat(peer.getDistinguisher()).isEqualTo("0:0");
            // the Peer Up's BGP session and OPENs
            final var up = peer.getPeerUp();
            assertThat(up.getLocalAddress().getIpv4Address().getValue()).isEqualTo("192.0.2.1");
            assertThat(up.getLocalPort().getValue().toJava()).isEqualTo(179);
            assertThat(up.getRemotePort().getValue().toJava()).isEqualTo(40000);
            assertThat(up.getReceivedOpen().getMyAs().toJava()).isEqualTo(65001);
            assertThat(up.getReceivedOpen().getHoldTime().toJava()).isEqualTo(90);
            assertThat(up.getReceivedOpen().getBgpId().getValue()).isEqualTo("192.0.2.7");
            assertThat(up.getSentOpen().getCapability()).containsExactly("multiprotocol ipv4-unicast");
            assertThat(peer.nonnullStatistic().values().iterator().next().getValue().toJava()).isEqualTo(7);
            assertThat(state.getSummary().getSessionsUp().toJava()).isEqualTo(1);
            assertThat(state.getSummary().getMessagesReceived().getValue().toJava()).isEqualTo(3);
            // The services the northbound reads: the same session, without a datastore read.
            assertThat(service.control.sessions()).singleElement().satisfies(s -> {
                assertThat(s.up()).isTrue();
                assertThat(s.remote().getPort()).isEqualTo(router.getLocalPort());
            });
            assertThat(service.publisher.routers()).contains(entry);
            assertThat(service.publisher.summary()).contains(state.getSummary());
        }
        awaitState(s -> s.nonnullRouter().values().stream().allMatch(r -> r.getState() == SessionState.Down)
            && s.getSummary().getSessionsUp().toJava() == 0);

        // The listener is disabled in the intent: nothing listens there any more.
        writeIntent(port, false);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean closed = false;
        while (!closed && System.nanoTime() < deadline) {
            try (var probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread.sleep(100);
            } catch (ConnectException e) {
                closed = true;
            }
        }
        assertThat(closed).isTrue();
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());

        // Closing the publisher takes back what it published.
        service.close();
        service = null;
        assertThat(readState().nonnullRouter()).isEmpty();
    }

    @Test
    public void routeMonitoringFillsTheRibsAndTheirCountsFollowWithdrawalsAndPeerDown() throws Exception {
        final var bus = new EventBus();
        final var events = bus.subscribe(1000);
        service = new Components(getDataBroker(), bus, Duration.ofMillis(100));
        final int port = freePort();
        writeIntent(port, true);
        final var post = new PerPeerHeader(PerPeerHeader.GLOBAL_INSTANCE, PerPeerHeader.FLAG_L, 0, PEER, 65001,
            0xC0000207L, 1_700_000_000L, 0);
        try (var router = connectWithRetry(port)) {
            final var open = new BgpMessage.Open(4, 65001, 90, 0xC0000207L,
                List.of(new Capability.Multiprotocol(1, 1), new Capability.Multiprotocol(2, 1)), List.of());
            send(router, new BmpMessage.PeerUpNotification(HEADER, address("192.0.2.1"), 179, 40000, open, open,
                List.of()));
            send(router, routes(HEADER, List.of(), List.of("10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16")));
            // One UPDATE that withdraws and announces: both count.
            send(router, routes(HEADER, List.of("10.1.0.0/16"), List.of("192.0.2.0/24", "198.51.100.0/24")));
            send(router, routes(post, List.of(), List.of("10.0.0.0/8")));
            send(router, new BmpMessage.RouteMonitoring(HEADER, new BgpMessage.Update(List.of(), List.of(
                new PathAttribute.Origin(0), new PathAttribute.AsPath(List.of()),
                new PathAttribute.MpReach(2, 1, Bytes.fromHex("20010db8000000000000000000000001"), List.of(
                    Nlri.Prefix.parse("2001:db8:1::/48"), Nlri.Prefix.parse("2001:db8:2::/48")))), List.of()),
                List.of()));

            // Wait for all three tables whole: a publication round can see a table its UPDATE is still filling.
            var counts = awaitCounts(c -> c.size() == 3 && Long.valueOf(2).equals(c.get("adj-rib-in-pre-policy"
                + " ipv6-unicast")) && Long.valueOf(4).equals(c.get("adj-rib-in-pre-policy ipv4-unicast")));
            // the stored attribute set is an RFC 4271 attribute list: its attributes can be found in it
            final var table = service.ribs().table(new RouterId(InetAddress.getLoopbackAddress(),
                router.getLocalPort()), new TableKey(RouterStateMapper.ribPeer(HEADER), Rib.ADJ_RIB_IN_PRE,
                AfiSafi.IPV4_UNICAST)).orElseThrow();
            final var set = table.exact(RouteKey.of(Prefix.parse("10.0.0.0/8"))).attributes();
            assertThat(set.attributeValue(1).get()).as("ORIGIN IGP").isZero();
            assertThat(set.attributeValue(2).remaining()).as("AS_PATH of one segment of 2 ASNs").isEqualTo(10);
            assertThat(counts).containsEntry("adj-rib-in-pre-policy ipv4-unicast", 4L)
                .containsEntry("adj-rib-in-post-policy ipv4-unicast", 1L)
                .containsEntry("adj-rib-in-pre-policy ipv6-unicast", 2L);

            send(router, new BmpMessage.PeerDownNotification(HEADER,
                BmpMessage.PeerDownNotification.REMOTE_NO_DATA, null, 0, List.of(), Bytes.EMPTY));
            counts = awaitCounts(Map::isEmpty);
            assertThat(service.ribs().attributeSetCount()).isZero();
        }
        // The same story on the event bus, in order.
        final var story = new java.util.ArrayList<String>();
        for (var event = events.poll(Duration.ofSeconds(5)); event != null;
                event = events.poll(Duration.ofSeconds(1))) {
            story.add(describe(event));
            if (event instanceof MonitoringEvent.SessionDown) {
                break;
            }
        }
        assertThat(story).containsExactly("session up", "peer up 192.0.2.7",
            "ADJ_RIB_IN_PRE +3 -0", "ADJ_RIB_IN_PRE +2 -1", "ADJ_RIB_IN_POST +1 -0", "ADJ_RIB_IN_PRE +2 -0",
            "peer down 192.0.2.7: remote system closed without data", "session down");
        assertThat(events.dropped()).isZero();
    }

    /**
     * A subscription that asks for route-level events gets every UPDATE's routes as the store applied them (keys
     * in wire order, the interned attribute set the table holds) and every table the store dropped; a plain
     * subscription on the same bus gets none of them.
     */
    @Test
    public void routeSubscribersSeeEachUpdatesRoutesAndEachClearedTable() throws Exception {
        final var bus = new EventBus();
        final var plain = bus.subscribe(1000);
        final var routes = bus.subscribe(1000, true);
        assertThat(bus.hasRouteSubscribers()).isTrue();
        service = new Components(getDataBroker(), bus, Duration.ofMillis(100));
        final int port = freePort();
        writeIntent(port, true);
        final RouterId router;
        try (var socket = connectWithRetry(port)) {
            router = new RouterId(InetAddress.getLoopbackAddress(), socket.getLocalPort());
            final var open = new BgpMessage.Open(4, 65001, 90, 0xC0000207L, List.of(), List.of());
            send(socket, new BmpMessage.PeerUpNotification(HEADER, address("192.0.2.1"), 179, 40000, open, open,
                List.of()));
            send(socket, routes(HEADER, List.of(), List.of("10.0.0.0/8", "10.1.0.0/16")));
            send(socket, routes(HEADER, List.of("10.1.0.0/16", "10.9.0.0/16"), List.of("192.0.2.0/24")));
            awaitCounts(c -> Long.valueOf(2).equals(c.get("adj-rib-in-pre-policy ipv4-unicast")));
            send(socket, new BmpMessage.PeerDownNotification(HEADER,
                BmpMessage.PeerDownNotification.REMOTE_NO_DATA, null, 0, List.of(), Bytes.EMPTY));
            awaitCounts(Map::isEmpty);
            send(socket, routes(HEADER, List.of(), List.of("172.16.0.0/12")));
            awaitCounts(c -> Long.valueOf(1).equals(c.get("adj-rib-in-pre-policy ipv4-unicast")));
        }
        final var story = new java.util.ArrayList<String>();
        for (var event = routes.poll(Duration.ofSeconds(5)); event != null;
                event = routes.poll(Duration.ofSeconds(1))) {
            if (event instanceof MonitoringEvent.RouteUpdate update) {
                assertThat(update.router().getPort()).isEqualTo(router.port());
                assertThat(update.peer()).isEqualTo(RouterStateMapper.ribPeer(HEADER));
                assertThat(update.bmpTime()).isEqualTo(java.time.Instant.ofEpochSecond(1_700_000_000L));
                final var line = new StringBuilder(update.rib().name());
                for (int i = 0; i < update.withdrawn().size(); i++) {
                    line.append(" -").append(update.withdrawn().key(i).prefix());
                }
                for (int i = 0; i < update.announced().size(); i++) {
                    assertThat(update.announced().family(i)).isEqualTo(AfiSafi.IPV4_UNICAST);
                    line.append(" +").append(update.announced().key(i).prefix());
                }
                if (update.attributes() != null) {
                    assertThat(update.attributes().attributeValue(3).getInt()).as("NEXT_HOP 192.0.2.1")
                        .isEqualTo(0xC0000201);
                }
                story.add(line.toString());
            } else if (event instanceof MonitoringEvent.TablesCleared cleared) {
                story.add("cleared " + (cleared.peer() == null ? "session" : cleared.peer().address()
                    .getHostAddress()) + " " + cleared.routes());
                if (cleared.peer() == null) {
                    break;
                }
            }
        }
        assertThat(story).containsExactly("ADJ_RIB_IN_PRE +10.0.0.0/8 +10.1.0.0/16",
            "ADJ_RIB_IN_PRE -10.1.0.0/16 -10.9.0.0/16 +192.0.2.0/24", "cleared 192.0.2.7 2",
            "ADJ_RIB_IN_PRE +172.16.0.0/12", "cleared session 1");
        assertThat(routes.dropped()).isZero();
        for (var event = plain.poll(Duration.ZERO); event != null; event = plain.poll(Duration.ZERO)) {
            assertThat(event.level()).as(event.toString()).isEqualTo(MonitoringEvent.Level.STATE);
        }
        routes.close();
        assertThat(bus.hasRouteSubscribers()).isFalse();
    }

    /**
     * A subscription that asks for the raw level gets every message exactly as the router sent it, in order, a
     * malformed one too (it is still counted and reported as a decode error); state subscribers get the
     * Initiation's names and the Peer Up as decoded, and no raw copies; once the raw subscriber leaves, the
     * sessions stop copying.
     */
    @Test
    public void rawSubscribersGetEveryMessageAsSent() throws Exception {
        final var bus = new EventBus();
        final var plain = bus.subscribe(1000);
        final var raw = bus.subscribe(1000, java.util.EnumSet.of(MonitoringEvent.Level.RAW));
        assertThat(bus.hasRawSubscribers()).isTrue();
        assertThat(bus.hasRouteSubscribers()).isFalse();
        service = new Components(getDataBroker(), bus, Duration.ofMillis(100));
        final int port = freePort();
        writeIntent(port, true);
        final var open = new BgpMessage.Open(4, 65001, 90, 0xC0000207L, List.of(), List.of());
        final List<byte[]> sent = List.of(
            BmpEncoder.encode(new BmpMessage.InitiationMessage(List.of(BmpTlv.ofString(BmpTlv.SYS_NAME, "pe1"),
                BmpTlv.ofString(BmpTlv.SYS_DESCR, "a lab router")))),
            BmpEncoder.encode(new BmpMessage.PeerUpNotification(HEADER, address("192.0.2.1"), 179, 40000, open,
                open, List.of())),
            BmpEncoder.encode(routes(HEADER, List.of(), List.of("10.0.0.0/8"))),
            // a Peer Down with a reason code no RFC defines and too short for its header: framed, undecodable
            new byte[] {3, 0, 0, 0, 8, 2, 0, 0},
            BmpEncoder.encode(routes(HEADER, List.of(), List.of("10.1.0.0/16"))));
        try (var socket = connectWithRetry(port)) {
            for (var message : sent) {
                socket.getOutputStream().write(message);
            }
            socket.getOutputStream().flush();
            awaitCounts(c -> Long.valueOf(2).equals(c.get("adj-rib-in-pre-policy ipv4-unicast")));
        }
        final var received = new java.util.ArrayList<byte[]>();
        for (var event = raw.poll(Duration.ofSeconds(5)); event != null && received.size() < sent.size();
                event = raw.poll(Duration.ofSeconds(5))) {
            if (event instanceof MonitoringEvent.RawMessage message) {
                assertThat(message.router().getAddress().isLoopbackAddress()).isTrue();
                received.add(message.message());
            }
        }
        assertThat(received).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(received.get(i)).as("message %d", i).isEqualTo(sent.get(i));
        }
        MonitoringEvent.Initiation init = null;
        MonitoringEvent.PeerUp up = null;
        for (var event = plain.poll(Duration.ofSeconds(1)); event != null; event = plain.poll(Duration.ofSeconds(1))) {
            assertThat(event.level()).as(event.toString()).isEqualTo(MonitoringEvent.Level.STATE);
            if (event instanceof MonitoringEvent.Initiation i) {
                init = i;
            } else if (event instanceof MonitoringEvent.PeerUp p) {
                up = p;
            }
        }
        assertThat(init).isNotNull();
        assertThat(init.sysName()).isEqualTo("pe1");
        assertThat(init.sysDescr()).isEqualTo("a lab router");
        assertThat(up).isNotNull();
        assertThat(up.notification().localPort()).isEqualTo(179);
        assertThat(up.notification().remotePort()).isEqualTo(40000);
        raw.close();
        assertThat(bus.hasRawSubscribers()).isFalse();
    }

    /**
     * A listener on a wildcard address that takes any source is an open door: it shows in the summary (and the
     * log) until allowed-source closes it; a loopback listener is none.
     */
    @Test
    public void aListenerOpenToAnySourceIsReportedAsAnOpenDoorUntilClosed() throws Exception {
        service = new Components(getDataBroker(), new EventBus(), Duration.ofMillis(100));
        final int open = freePort();
        final int local = freePort();
        final String listeners = """
            "listener": [{"name": "wide", "address": "0.0.0.0", "port": %d},
                         {"name": "local", "address": "127.0.0.1", "port": %d}]""".formatted(open, local);
        writeCollector("{" + listeners + "}");
        var state = awaitState(s -> s.getSummary() != null && s.getSummary().getExposure() != null
            && s.getSummary().getExposure().getOpenDoor() != null);
        assertThat(state.getSummary().getExposure().getOpenDoor())
            .containsExactly("listener wide on 0.0.0.0:" + open);
        writeCollector("{" + listeners + ", \"allowed-source\": [\"192.0.2.0/24\"]}");
        state = awaitState(s -> s.getSummary().getExposure() == null
            || s.getSummary().getExposure().getOpenDoor() == null);
        assertThat(state.getSummary().getRefusedConnections()).isNotNull();
        // Closing the collector takes its report along.
        service.close();
        service = null;
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            assertThat(tx.read(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier.create(BmpfleetState.class)
                .child(Summary.class).child(Exposure.class)).get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }

    private void writeCollector(final String collector) throws Exception {
        final var verdict = IntentModel.check("{\"bmpfleet-intent:bmpfleet\": {\"collector\": " + collector + "}}");
        assertThat(verdict.errors()).isEmpty();
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Bmpfleet.class), verdict.intent());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    /**
     * Families the RIB does not key by prefix (here flowspec, SAFI 133, which the codec carries raw) are counted per
     * family in the router's state and skipped: never a 0.0.0.0/0 route beside the UPDATE's real prefixes.
     */
    @Test
    public void unknownFamiliesAreCountedNotStoredAsPrefixes() throws Exception {
        service = new Components(getDataBroker(), new EventBus(), Duration.ofMillis(100));
        final int port = freePort();
        writeIntent(port, true);
        try (var router = connectWithRetry(port)) {
            final var open = new BgpMessage.Open(4, 65001, 90, 0xC0000207L, List.of(), List.of());
            send(router, new BmpMessage.PeerUpNotification(HEADER, address("192.0.2.1"), 179, 40000, open, open,
                List.of()));
            // A flowspec rule (destination 10.0.0.0/8) in MP_REACH, and one IPv4 unicast prefix in the NLRI field.
            final var flowspec = new Nlri.RawNlri(1, 133, Bytes.fromHex("0501080a"));
            send(router, new BmpMessage.RouteMonitoring(HEADER, new BgpMessage.Update(List.of(), List.of(
                new PathAttribute.Origin(0), new PathAttribute.AsPath(List.of()),
                new PathAttribute.NextHop(Bytes.fromHex("c0000201")),
                new PathAttribute.MpReach(1, 133, Bytes.EMPTY, List.of(flowspec))),
                List.of(Nlri.Prefix.parse("198.51.100.0/24"))), List.of()));
            send(router, new BmpMessage.RouteMonitoring(HEADER, new BgpMessage.Update(List.of(), List.of(
                new PathAttribute.MpUnreach(1, 133, List.of(flowspec))), List.of()), List.of()));
            final var state = awaitState(s -> s.nonnullRouter().values().stream().anyMatch(r ->
                r.getNlriNotKept() != null && r.getNlriNotKept().values().stream()
                    .anyMatch(n -> n.getCount().getValue().longValue() == 2)));
            final var entry = state.nonnullRouter().values().iterator().next();
            assertThat(entry.getNlriNotKept().values()).singleElement().satisfies(n -> {
                assertThat(n.getAfi().toJava()).isEqualTo(1);
                assertThat(n.getSafi().toJava()).isEqualTo((short) 133);
            });
            final var id = new RouterId(InetAddress.getLoopbackAddress(), router.getLocalPort());
            final var tables = service.ribs().tables(id);
            assertThat(tables).singleElement().satisfies(table -> {
                assertThat(table.key().afiSafi()).isEqualTo(AfiSafi.IPV4_UNICAST);
                assertThat(table.size()).isEqualTo(1);
                assertThat(table.exact(RouteKey.of(Prefix.parse("198.51.100.0/24")))).isNotNull();
                assertThat(table.exact(RouteKey.of(Prefix.parse("0.0.0.0/0")))).isNull();
            });
        }
    }

    /** A legacy session (BMP's A flag: 2-octet AS_PATH) is stored with 4-octet AS numbers, as every other. */
    @Test
    public void twoOctetAsPathsAreStoredWithFourOctetAsNumbers() throws Exception {
        service = new Components(getDataBroker(), new EventBus(), Duration.ofMillis(100));
        final int port = freePort();
        writeIntent(port, true);
        final var legacy = new PerPeerHeader(PerPeerHeader.GLOBAL_INSTANCE, PerPeerHeader.FLAG_A, 0, PEER, 65001,
            0xC0000207L, 1_700_000_000L, 0);
        try (var router = connectWithRetry(port)) {
            send(router, routes(legacy, List.of(), List.of("10.0.0.0/8")));
            awaitCounts(c -> c.size() == 1);
            final var table = service.ribs().table(new RouterId(InetAddress.getLoopbackAddress(),
                router.getLocalPort()), new TableKey(RouterStateMapper.ribPeer(legacy), Rib.ADJ_RIB_IN_PRE,
                AfiSafi.IPV4_UNICAST)).orElseThrow();
            final var set = table.exact(RouteKey.of(Prefix.parse("10.0.0.0/8"))).attributes();
            assertThat(set.attributeValue(2).remaining()).as("one segment of two 4-octet ASNs").isEqualTo(10);
            assertThat(io.bmpfleet.bmp.codec.bgp.BgpDecoder.decodeAttributes(
                io.netty.buffer.Unpooled.wrappedBuffer(set.asReadOnlyBuffer()), 4))
                .contains(new PathAttribute.AsPath(List.of(new PathAttribute.AsPathSegment(2,
                    List.of(65001L, 65002L)))));
        }
    }

    /**
     * Two router habits: FRR tears a session down with BGP ID 0.0.0.0 (it may not know it), and GoBGP reports its
     * Loc-RIB without a Peer Up. The first must still take the peer at that address down and empty its tables; the
     * second peer is shown as reporting, not as down.
     */
    @Test
    public void aPeerDownWithoutBgpIdFindsItsPeerAndALocRibWithoutPeerUpIsReporting() throws Exception {
        service = new Components(getDataBroker(), new EventBus(), Duration.ofMillis(100));
        final int port = freePort();
        writeIntent(port, true);
        final var noBgpId = new PerPeerHeader(PerPeerHeader.GLOBAL_INSTANCE, 0, 0, PEER, 65001, 0, 1_700_000_001L,
            0);
        final var locRib = new PerPeerHeader(PerPeerHeader.LOC_RIB_INSTANCE, 0, 0, address("0.0.0.0"), 65001,
            0xC0000201L, 1_700_000_000L, 0);
        try (var router = connectWithRetry(port)) {
            final var open = new BgpMessage.Open(4, 65001, 90, 0xC0000207L,
                List.of(new Capability.Multiprotocol(1, 1)), List.of());
            // A Peer Down of a session that never came up, then the Peer Up that names the BGP ID: one peer.
            send(router, new BmpMessage.PeerDownNotification(noBgpId,
                BmpMessage.PeerDownNotification.REMOTE_NO_DATA, null, 0, List.of(), Bytes.EMPTY));
            send(router, new BmpMessage.PeerUpNotification(HEADER, address("192.0.2.1"), 179, 40000, open, open,
                List.of()));
            send(router, routes(HEADER, List.of(), List.of("10.0.0.0/8", "10.1.0.0/16")));
            send(router, routes(locRib, List.of(), List.of("10.9.0.0/16")));
            awaitCounts(c -> Long.valueOf(2).equals(c.get("adj-rib-in-pre-policy ipv4-unicast"))
                && Long.valueOf(1).equals(c.get("loc-rib ipv4-unicast")));
            var state = awaitState(s -> s.nonnullRouter().values().stream()
                .anyMatch(r -> r.nonnullPeer().size() == 2));
            var peers = state.nonnullRouter().values().iterator().next().nonnullPeer().values();
            assertThat(peers).extracting(p -> p.getPeerAddress().getIpv4Address().getValue() + " " + p.getState())
                .containsExactlyInAnyOrder("192.0.2.7 Up", "0.0.0.0 Reporting");

            // FRR's teardown with BGP ID 0: the peer at 192.0.2.7 goes down and its routes go; Loc-RIB stays.
            send(router, new BmpMessage.PeerDownNotification(noBgpId,
                BmpMessage.PeerDownNotification.REMOTE_NO_DATA, null, 0, List.of(), Bytes.EMPTY));
            awaitCounts(c -> !c.containsKey("adj-rib-in-pre-policy ipv4-unicast")
                && Long.valueOf(1).equals(c.get("loc-rib ipv4-unicast")));
            state = awaitState(s -> s.nonnullRouter().values().stream().flatMap(r -> r.nonnullPeer().values()
                .stream()).anyMatch(p -> p.getState() == SessionState.Down));
            peers = state.nonnullRouter().values().iterator().next().nonnullPeer().values();
            assertThat(peers).extracting(p -> p.getPeerAddress().getIpv4Address().getValue() + " " + p.getState()
                + " " + p.getBgpId().getValue()).containsExactlyInAnyOrder("192.0.2.7 Down 192.0.2.7",
                "0.0.0.0 Reporting 192.0.2.1");
        }
    }

    @Test
    public void tcpMd5KeysComeFromTheCredentialsAndFollowThem() throws Exception {
        Assume.assumeTrue("TCP-MD5 needs epoll", BmpCollector.tcpMd5Supported());
        final var file = Files.createTempFile("bmpfleet-credentials", ".properties");
        final var store = CredentialStore.unencrypted(file);
        store.put("bmp-md5", new Credential("bmp", "first-secret", null));
        final var group = new EpollEventLoopGroup(1);
        try {
            service = new Components(getDataBroker(), new EventBus(), Duration.ofMillis(100), store);
            final int port = freePort();
            final var json = """
                {"bmpfleet-intent:bmpfleet": {"collector": {
                  "listener": [{"name": "test", "address": "127.0.0.1", "port": %d}],
                  "tcp-md5": [{"router": "127.0.0.1", "credentials": "bmp-md5"}]}}}""".formatted(port);
            final var verdict = IntentModel.check(json);
            assertThat(verdict.errors()).isEmpty();
            final var tx = getDataBroker().newWriteOnlyTransaction();
            tx.put(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Bmpfleet.class), verdict.intent());
            tx.commit().get(10, TimeUnit.SECONDS);

            // Once the listener is up, an unsigned SYN is dropped: the connect times out instead of being refused.
            awaitUnsignedDropped(port);
            assertThat(signedSession(group, port, "first-secret", "signed-1")).isTrue();
            awaitState(s -> s.nonnullRouter().values().stream().anyMatch(r -> "signed-1".equals(r.getSysName())));

            // A new password is the new key within a publication round; the old key no longer gets in.
            store.put("bmp-md5", new Credential("bmp", "second-secret", null));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean rotated = false;
            while (!rotated && System.nanoTime() < deadline) {
                rotated = signedSession(group, port, "second-secret", "signed-2");
            }
            assertThat(rotated).isTrue();
            assertThat(signedSession(group, port, "first-secret", "signed-old")).isFalse();
            awaitState(s -> s.nonnullRouter().values().stream().anyMatch(r -> "signed-2".equals(r.getSysName())));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            Files.deleteIfExists(file);
        }
    }

    private static void awaitUnsignedDropped(final int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                throw new AssertionError("an unsigned connection got in");
            } catch (SocketTimeoutException e) {
                return;
            } catch (ConnectException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the collector never listened on " + port);
    }

    /** Connects signed with the key and sends an Initiation; false if the connection could not be made. */
    private static boolean signedSession(final EpollEventLoopGroup group, final int port, final String key,
            final String sysName) throws Exception {
        final var future = new Bootstrap().group(group).channel(EpollSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1500)
            .option(EpollChannelOption.TCP_MD5SIG, Map.of(InetAddress.getLoopbackAddress(),
                key.getBytes(StandardCharsets.UTF_8)))
            .handler(new ChannelInboundHandlerAdapter())
            .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        if (!future.await(5, TimeUnit.SECONDS) || !future.isSuccess()) {
            return false;
        }
        future.channel().writeAndFlush(Unpooled.wrappedBuffer(BmpEncoder.encode(new BmpMessage.InitiationMessage(
            List.of(BmpTlv.ofString(BmpTlv.SYS_NAME, sysName)))))).sync();
        return true;
    }

    private static String describe(final MonitoringEvent event) {
        if (event instanceof MonitoringEvent.RouteChanges changes) {
            return changes.rib() + " +" + changes.announced() + " -" + changes.withdrawn();
        } else if (event instanceof MonitoringEvent.PeerUp up) {
            return "peer up " + up.peer().address().getHostAddress();
        } else if (event instanceof MonitoringEvent.PeerDown down) {
            return "peer down " + down.peer().address().getHostAddress() + ": " + down.reason();
        }
        return event instanceof MonitoringEvent.SessionUp ? "session up"
            : event instanceof MonitoringEvent.SessionDown ? "session down" : event.toString();
    }

    private static BmpMessage routes(final PerPeerHeader header, final List<String> withdrawn,
            final List<String> announced) {
        return new BmpMessage.RouteMonitoring(header, new BgpMessage.Update(
            withdrawn.stream().map(p -> (Nlri) Nlri.Prefix.parse(p)).toList(),
            announced.isEmpty() ? List.of() : List.of(new PathAttribute.Origin(0),
                new PathAttribute.AsPath(List.of(new PathAttribute.AsPathSegment(2, List.of(65001L, 65002L)))),
                new PathAttribute.NextHop(Bytes.fromHex("c0000201"))),
            announced.stream().map(p -> (Nlri) Nlri.Prefix.parse(p)).toList()), List.of());
    }

    /** Route counts of the one router's one peer as "rib family" to routes. */
    private Map<String, Long> awaitCounts(final Predicate<Map<String, Long>> condition) throws Exception {
        final var seen = new java.util.concurrent.atomic.AtomicReference<Map<String, Long>>();
        awaitState(state -> {
            final var counts = new java.util.TreeMap<String, Long>();
            state.nonnullRouter().values().forEach(r -> r.nonnullPeer().values().forEach(p -> p.nonnullRouteCount()
                .values().forEach(c -> counts.put(c.getRib().getName() + " " + c.getAddressFamily(),
                    c.getRoutes().longValue()))));
            seen.set(counts);
            return !state.nonnullRouter().isEmpty() && condition.test(counts);
        });
        return seen.get();
    }

    private void writeIntent(final int port, final boolean enabled) throws Exception {
        final var json = """
            {"bmpfleet-intent:bmpfleet": {"collector": {
              "listener": [{"name": "test", "address": "127.0.0.1", "port": %d, "enabled": %b}],
              "allowed-source": ["127.0.0.0/8"]}}}""".formatted(port, enabled);
        final var verdict = IntentModel.check(json);
        assertThat(verdict.errors()).isEmpty();
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Bmpfleet.class), verdict.intent());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private BmpfleetState readState() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier.create(BmpfleetState.class))
                .get(10, TimeUnit.SECONDS).orElseThrow();
        }
    }

    private BmpfleetState awaitState(final Predicate<BmpfleetState> condition) throws Exception {
        BmpfleetState state = null;
        for (int i = 0; i < 100; i++) {
            try (var tx = getDataBroker().newReadOnlyTransaction()) {
                state = tx.read(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier.create(BmpfleetState.class))
                    .get(10, TimeUnit.SECONDS).orElse(null);
            }
            if (state != null && condition.test(state)) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("operational state never matched; last: " + state);
    }

    private static Socket connectWithRetry(final int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                final var socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.setSoTimeout(10_000);
                return socket;
            } catch (ConnectException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the collector never listened on " + port);
    }

    private static void send(final Socket socket, final BmpMessage message) throws IOException {
        socket.getOutputStream().write(BmpEncoder.encode(message));
        socket.getOutputStream().flush();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return ((InetSocketAddress) socket.getLocalSocketAddress()).getPort();
        }
    }

    private static InetAddress address(final String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
