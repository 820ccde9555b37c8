/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.app.events.RouteKeys;
import io.bmpfleet.grpc.v1.DumpRequest;
import io.bmpfleet.grpc.v1.Event;
import io.bmpfleet.grpc.v1.EventsGrpc;
import io.bmpfleet.grpc.v1.ListPeersRequest;
import io.bmpfleet.grpc.v1.ListRoutersRequest;
import io.bmpfleet.grpc.v1.LookupRequest;
import io.bmpfleet.grpc.v1.MatchType;
import io.bmpfleet.grpc.v1.MonitoringGrpc;
import io.bmpfleet.grpc.v1.ObserveRibRequest;
import io.bmpfleet.grpc.v1.RibUpdate;
import io.bmpfleet.grpc.v1.Route;
import io.bmpfleet.grpc.v1.RouterRef;
import io.bmpfleet.grpc.v1.RoutesGrpc;
import io.bmpfleet.grpc.v1.TableSelector;
import io.bmpfleet.grpc.v1.WatchRequest;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RouteKey;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.PeerBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.AsNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The real server (Netty, TLS with a self-signed certificate made for the test, Basic authentication) over
 * loopback, on a RIB store filled by the test and a real event bus: every call is refused without credentials,
 * health answers without them, lookups and dumps return decoded attributes, and a client that does not read its
 * event stream is cut off with RESOURCE_EXHAUSTED instead of growing the server's memory.
 */
class GrpcServerTest {
    private static final RouterId ROUTER = new RouterId(address("192.0.2.1"), 40000);
    private static final PeerKey PEER = new PeerKey(0, 0, address("192.0.2.7"), 0xC0000207);

    @TempDir
    Path dir;
    private final RibStore ribs = new RibStore();
    private final EventBus bus = new EventBus();
    private GrpcServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        // ORIGIN IGP, AS_PATH 65001 65002, NEXT_HOP 192.0.2.7, MED 50, COMMUNITIES 65001:100
        final byte[] attributes = HexFormat.of().parseHex("50010001" + "00" + "5002000a" + "0202" + "0000fde9"
            + "0000fdea" + "50030004" + "c0000207" + "d0040004" + "00000032" + "d0080004" + "fde90064");
        final var update = io.bmpfleet.rib.RibUpdate.builder().attributes(attributes);
        for (var prefix : List.of("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.168.0.0/16")) {
            update.announce(AfiSafi.IPV4_UNICAST, Prefix.parse(prefix));
        }
        ribs.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, update.build());
        server = new GrpcServer(state(), RouteTables.of(ribs), bus, null, null, null,
            (user, password) -> "admin".equals(user) && "secret".equals(password),
            new InetSocketAddress("127.0.0.1", 0), dir.resolve("tls/server.crt"), dir.resolve("tls/server.key"), 2);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
            .sslContext(GrpcSslContexts.forClient().trustManager(dir.resolve("tls/server.crt").toFile()).build())
            .build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void selfSignedCertificateIsMadeOnceWithAPrivateKey() throws Exception {
        assertThat(Files.getPosixFilePermissions(dir.resolve("tls/server.key")))
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        final var again = ServerCertificate.loadOrCreate(dir.resolve("tls/server.crt"), dir.resolve("tls/server.key"));
        assertThat(again.created()).isFalse();
        assertThat(again.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        Files.delete(dir.resolve("tls/server.key"));
        assertThatThrownBy(() -> ServerCertificate.loadOrCreate(dir.resolve("tls/server.crt"),
            dir.resolve("tls/server.key"))).hasMessageContaining("needs both");
    }

    @Test
    void callsWithoutValidCredentialsAreRefusedButHealthAnswers() {
        final var anonymous = MonitoringGrpc.newBlockingStub(channel);
        assertThatThrownBy(() -> anonymous.listRouters(ListRoutersRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(e.getStatus().getDescription()).contains("HTTP Basic");
            });
        final var wrong = anonymous.withCallCredentials(basic("admin", "wrong"));
        assertThatThrownBy(() -> wrong.listRouters(ListRoutersRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        final var health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.newBuilder()
            .setService("bmpfleet.v1.Routes").build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void routersAndPeersAsTheStateShowsThem() {
        final var monitoring = MonitoringGrpc.newBlockingStub(channel).withCallCredentials(basic("admin", "secret"));
        final var routers = monitoring.listRouters(ListRoutersRequest.getDefaultInstance()).getRoutersList();
        assertThat(routers).singleElement().satisfies(r -> {
            assertThat(r.getRef()).isEqualTo(ref());
            assertThat(r.getSysName()).isEqualTo("edge-1");
            assertThat(r.getDevice()).isEqualTo("edge-1");
            assertThat(r.getPeersUp()).isEqualTo(1);
        });
        assertThat(monitoring.listRouters(ListRoutersRequest.newBuilder().setDevice("other").build())
            .getRoutersList()).isEmpty();
        final var peers = monitoring.listPeers(ListPeersRequest.newBuilder().setRouter(ref()).build());
        assertThat(peers.getPeersList()).singleElement().satisfies(p -> {
            assertThat(p.getRef().getAddress()).isEqualTo("192.0.2.7");
            assertThat(p.getAs()).isEqualTo(65001);
            assertThat(p.getState()).isEqualTo("up");
        });
        assertThatThrownBy(() -> monitoring.listPeers(ListPeersRequest.newBuilder().setRouter(RouterRef.newBuilder()
            .setAddress("192.0.2.99").setPort(1)).build()))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void lookupsFindExactLongestMoreAndLessSpecificWithDecodedAttributes() {
        final var routes = RoutesGrpc.newBlockingStub(channel).withCallCredentials(basic("admin", "secret"));
        final var exact = routes.lookup(lookup("10.1.0.0/16", MatchType.EXACT)).getRoutesList();
        assertThat(exact).singleElement().satisfies(r -> {
            assertThat(r.getPrefix()).isEqualTo("10.1.0.0/16");
            assertThat(r.getRouter()).isEqualTo(ref());
            assertThat(r.getPeer().getBgpId()).isEqualTo("192.0.2.7");
            final var a = r.getAttributes();
            assertThat(a.getOrigin()).isZero();
            assertThat(a.getAsPath(0).getAsnsList()).containsExactly(65001, 65002);
            assertThat(a.getOriginAs()).isEqualTo(65002);
            assertThat(a.getNextHop()).isEqualTo("192.0.2.7");
            assertThat(a.getMed()).isEqualTo(50);
            assertThat(a.hasLocalPref()).isFalse();
            assertThat(a.getCommunitiesList()).containsExactly("65001:100");
        });
        assertThat(prefixes(routes.lookup(lookup("10.1.2.3", MatchType.LONGEST_PREFIX)).getRoutesList()))
            .containsExactly("10.1.2.0/24");
        assertThat(prefixes(routes.lookup(lookup("10.0.0.0/8", MatchType.MORE_SPECIFIC)).getRoutesList()))
            .containsExactly("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24");
        assertThat(prefixes(routes.lookup(lookup("10.1.2.0/24", MatchType.LESS_SPECIFIC)).getRoutesList()))
            .containsExactly("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24");
        final var limited = routes.lookup(lookup("10.0.0.0/8", MatchType.MORE_SPECIFIC).toBuilder().setLimit(2)
            .build());
        assertThat(limited.getRoutesCount()).isEqualTo(2);
        assertThat(limited.getTruncated()).isTrue();
        assertThat(routes.lookup(lookup("10.0.0.0/8", MatchType.EXACT).toBuilder().setTables(TableSelector
            .newBuilder().setPeerAddress("192.0.2.8")).build()).getRoutesList()).isEmpty();
        assertThatThrownBy(() -> routes.lookup(lookup("10.0.0.0/33", MatchType.EXACT)))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).contains("10.0.0.0/33");
            });
    }

    @Test
    void dumpStreamsEveryRouteAndFilters() {
        final var routes = RoutesGrpc.newBlockingStub(channel).withCallCredentials(basic("admin", "secret"));
        final var all = new ArrayList<Route>();
        routes.dump(DumpRequest.getDefaultInstance()).forEachRemaining(b -> all.addAll(b.getRoutesList()));
        assertThat(prefixes(all)).containsExactly("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.168.0.0/16");
        final var sixteen = new ArrayList<Route>();
        routes.dump(DumpRequest.newBuilder().setMinLength(16).setMaxLength(16).setCommunity("65001:100").build())
            .forEachRemaining(b -> sixteen.addAll(b.getRoutesList()));
        assertThat(prefixes(sixteen)).containsExactly("10.1.0.0/16", "192.168.0.0/16");
        // share_attributes: the one set of these routes comes once, the routes name it.
        final var batches = new ArrayList<io.bmpfleet.grpc.v1.RouteBatch>();
        routes.dump(DumpRequest.newBuilder().setShareAttributes(true).build()).forEachRemaining(batches::add);
        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.getAttributeSetsMap()).hasSize(1);
            assertThat(b.getRoutesList()).allMatch(r -> !r.hasAttributes() && r.getAttributeSet() == 1
                && !r.hasRouter());
            assertThat(b.getRouter()).isEqualTo(ref());
            assertThat(b.getPeer().getAddress()).isEqualTo("192.0.2.7");
            assertThat(b.getRoutesList()).extracting(Route::getPrefix).containsExactly("10.0.0.0/8", "10.1.0.0/16",
                "10.1.2.0/24", "192.168.0.0/16");
            assertThat(b.getAttributeSetsMap().get(1)).isEqualTo(all.get(0).getAttributes());
        });
        final var none = new ArrayList<Route>();
        routes.dump(DumpRequest.newBuilder().setOriginAs(65009).build())
            .forEachRemaining(b -> none.addAll(b.getRoutesList()));
        assertThat(none).isEmpty();
    }

    /**
     * A packed dump says what the per-route dump says, route for route: IPv4 with Add-Path path IDs across batch
     * boundaries, IPv6 of every length class, VPNv4 with route distinguishers, several attribute sets.
     */
    @Test
    void packedDumpIsTheSameRoutesAsThePerRouteDump() {
        final var router = new RouterId(address("192.0.2.2"), 40001);
        final var random = new java.util.Random(3);
        for (int set = 0; set < 5; set++) {
            final var update = io.bmpfleet.rib.RibUpdate.builder().attributes(HexFormat.of().parseHex(
                "50010001" + "00" + "50030004" + "c000020" + set + "d0040004" + "0000000" + set));
            for (int i = 0; i < 700; i++) {
                final int length = 8 + random.nextInt(25);
                update.announce(AfiSafi.IPV4_UNICAST, new RouteKey(Prefix.ipv4(random.nextInt(), length),
                    random.nextInt(4), 0));
            }
            for (int i = 0; i < 40; i++) {
                update.announce(AfiSafi.IPV6_UNICAST, Prefix.ipv6(random.nextLong(), random.nextLong(),
                    random.nextInt(129)));
                update.announce(AfiSafi.VPNV4, new RouteKey(Prefix.ipv4(random.nextInt(), 24), 0,
                    0x0000FDE900000000L | i));
            }
            ribs.apply(router, PEER, Rib.LOC_RIB, update.build());
        }
        final var routes = RoutesGrpc.newBlockingStub(channel).withCallCredentials(basic("admin", "secret"));
        final var selector = TableSelector.newBuilder().setRouter(RouterRef.newBuilder().setAddress("192.0.2.2"));
        final var expected = new ArrayList<String>();
        routes.dump(DumpRequest.newBuilder().setTables(selector).build()).forEachRemaining(b -> b.getRoutesList()
            .forEach(r -> expected.add(r.getFamily().getAfi() + "/" + r.getFamily().getSafi() + " " + r.getPrefix()
                + " path " + r.getPathId() + " rd " + r.getRouteDistinguisher() + " " + r.getAttributes())));
        final var packed = new ArrayList<String>();
        final var sets = new java.util.HashMap<Integer, io.bmpfleet.grpc.v1.Attributes>();
        int batches = 0;
        for (var it = routes.dump(DumpRequest.newBuilder().setTables(selector).setPacked(true).build());
                it.hasNext();) {
            final var batch = it.next();
            batches++;
            assertThat(batch.getRoutesList()).as("packed batches carry no Route messages").isEmpty();
            assertThat(batch.getAttributeSetsMap()).isEmpty();
            final var columns = batch.getPacked();
            for (var set : columns.getNewAttributeSetsList()) {
                sets.put(sets.size() + 1, set);
            }
            final boolean ipv6 = batch.getFamily().getAfi() == 2;
            final byte[] bytes = columns.getPrefixes().toByteArray();
            int at = 0;
            for (int i = 0; i < columns.getAttributeSetsCount(); i++) {
                final int length = bytes[at++] & 0xFF;
                final byte[] address = new byte[ipv6 ? 16 : 4];
                System.arraycopy(bytes, at, address, 0, (length + 7) / 8);
                at += (length + 7) / 8;
                packed.add(batch.getFamily().getAfi() + "/" + batch.getFamily().getSafi() + " "
                    + io.bmpfleet.app.routes.RouteNames.prefixText(Prefix.of(address, length))
                    + " path " + (columns.getPathIdsCount() == 0 ? 0 : columns.getPathIds(i))
                    + " rd " + (columns.getRouteDistinguishersCount() == 0 ? ""
                        : io.bmpfleet.bmp.codec.bgp.RouteDistinguisher.format(columns.getRouteDistinguishers(i)))
                    + " " + sets.get(columns.getAttributeSets(i)));
            }
            assertThat(at).as("every prefix byte read").isEqualTo(bytes.length);
        }
        assertThat(expected).hasSizeGreaterThan(3000);
        assertThat(packed).containsExactlyElementsOf(expected);
        assertThat(sets).as("each set once per family").hasSize(15);
        assertThat(batches).isGreaterThan(4);
    }

    @Test
    void eventsArriveInOrderWithSequenceNumbers() throws Exception {
        final var events = EventsGrpc.newBlockingStub(channel).withCallCredentials(basic("admin", "secret"));
        final var stream = events.watch(WatchRequest.getDefaultInstance());
        awaitSubscribed();
        final var session = new InetSocketAddress(ROUTER.address(), ROUTER.port());
        final var peer = new MonitoringEvent.Peer(0, 0, PEER.address(), 65001, 0xC0000207L);
        bus.publish(new MonitoringEvent.PeerDown(Instant.now(), session, peer, "remote closed",
            Instant.ofEpochSecond(1_700_000_000L, 250_000_000)));
        bus.publish(new MonitoringEvent.RouteChanges(Instant.now(), session, peer, "ADJ_RIB_IN_PRE", 1, 0));
        bus.publish(new MonitoringEvent.PeerUp(Instant.now(), session, peer));
        bus.publish(new MonitoringEvent.RawMessage(Instant.now(), session, new byte[] {3, 0, 0, 0, 6, 4}));
        bus.publish(new MonitoringEvent.Initiation(Instant.now(), session, "pe1", null));
        final Event first = stream.next();
        assertThat(first.getSequence()).isEqualTo(1);
        assertThat(first.getRouter()).isEqualTo(ref());
        assertThat(first.getPeerDown().getReason()).isEqualTo("remote closed");
        assertThat(first.getPeerDown().getPeer().getBgpId()).isEqualTo("192.0.2.7");
        assertThat(first.getBmpTime().getSeconds()).as("the per-peer header's time").isEqualTo(1_700_000_000L);
        assertThat(first.getBmpTime().getNanos()).isEqualTo(250_000_000);
        final Event second = stream.next();
        assertThat(second.getSequence()).as("route changes were not asked for").isEqualTo(2);
        assertThat(second.hasPeerUp()).isTrue();
        assertThat(second.hasBmpTime()).as("a router that sends no time").isFalse();
        final Event third = stream.next();
        assertThat(third.getSequence()).as("raw messages were not asked for").isEqualTo(3);
        assertThat(third.getInitiation().getSysName()).isEqualTo("pe1");
        assertThat(third.getInitiation().getSysDescr()).isEmpty();
    }

    @Test
    void aClientThatDoesNotReadIsCutOffNotBuffered() throws Exception {
        final var done = new CompletableFuture<Status>();
        final var received = new AtomicInteger();
        final var observer = new HeldBack<WatchRequest, Event>(done, received);
        EventsGrpc.newStub(channel).withCallCredentials(basic("admin", "secret"))
            .watch(WatchRequest.newBuilder().setBuffer(100).setRouteChanges(true).build(), observer);
        awaitSubscribed();
        final var session = new InetSocketAddress(ROUTER.address(), ROUTER.port());
        final var peer = new MonitoringEvent.Peer(0, 0, PEER.address(), 65001, 0xC0000207L);
        // Far more than the transport's windows and the 100 the stream may buffer, bounded.
        for (int i = 0; i < 200_000 && !done.isDone(); i++) {
            bus.publish(new MonitoringEvent.RouteChanges(Instant.now(), session, peer, "ADJ_RIB_IN_PRE", i, 0));
            if (i % 10_000 == 0) {
                Thread.sleep(20);
            }
        }
        // Now read: what was sent arrives, then the verdict.
        observer.call.request(Integer.MAX_VALUE);
        final var status = done.get(30, TimeUnit.SECONDS);
        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getDescription()).contains("fell behind by more than its 100 buffered events",
            "events missed after event " + received.get());
        assertThat(received.get()).isBetween(1, 199_999);
    }

    @Test
    void observeRibSendsTheTableThenItsEndThenEachPickedChange() throws Exception {
        final var routes = RoutesGrpc.newBlockingStub(channel).withCallCredentials(basic("admin", "secret"));
        final var stream = routes.observeRib(ObserveRibRequest.newBuilder().setTables(TableSelector.newBuilder()
            .setRib(io.bmpfleet.grpc.v1.Rib.ADJ_RIB_IN_PRE_POLICY)).build());
        final var dumped = new ArrayList<Route>();
        RibUpdate message = stream.next();
        long sequence = 0;
        while (message.getInitialDump()) {
            assertThat(message.getSequence()).isEqualTo(++sequence);
            dumped.addAll(message.getAnnouncedList());
            message = stream.next();
        }
        assertThat(message.getEndOfRib()).isTrue();
        assertThat(message.getSequence()).isEqualTo(++sequence);
        assertThat(prefixes(dumped)).containsExactly("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.168.0.0/16");
        assertThat(dumped.get(0).getAttributes().getCommunitiesList()).containsExactly("65001:100");
        assertThat(bus.hasRouteSubscribers()).as("subscribed before the dump").isTrue();

        final var session = new InetSocketAddress(ROUTER.address(), ROUTER.port());
        final var set = ribs.table(ROUTER, new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST))
            .orElseThrow().exact(RouteKey.of(Prefix.parse("10.0.0.0/8"))).attributes();
        final var keys = new RouteKeys.Builder();
        // A post-policy UPDATE: not picked, never sent.
        keys.add(1, 1, 0xC6336400L, 0, 24, 0, 0);
        bus.publish(new MonitoringEvent.RouteUpdate(Instant.now(), session, PEER, Rib.ADJ_RIB_IN_POST, set,
            keys.build(), RouteKeys.EMPTY, null));
        keys.add(1, 1, 0xC0A80000L, 0, 16, 0, 0);
        final var withdrawn = keys.build();
        keys.add(1, 1, 0xCB007100L, 0, 24, 7, 0);
        bus.publish(new MonitoringEvent.RouteUpdate(Instant.now(), session, PEER, Rib.ADJ_RIB_IN_PRE, set,
            keys.build(), withdrawn, Instant.ofEpochSecond(1_700_000_000L)));
        bus.publish(new MonitoringEvent.TablesCleared(Instant.now(), session, PEER, 4));

        final var change = stream.next();
        assertThat(change.getSequence()).isEqualTo(++sequence);
        assertThat(change.getInitialDump()).isFalse();
        assertThat(prefixes(change.getWithdrawnList())).containsExactly("192.168.0.0/16");
        assertThat(change.getWithdrawn(0).hasAttributes()).isFalse();
        assertThat(change.getAnnouncedCount()).isEqualTo(1);
        final var added = change.getAnnounced(0);
        assertThat(added.getPrefix()).isEqualTo("203.0.113.0/24");
        assertThat(added.getPathId()).isEqualTo(7);
        assertThat(added.getRouter()).isEqualTo(ref());
        assertThat(added.getAttributes().getNextHop()).isEqualTo("192.0.2.7");
        assertThat(added.getAttributes().getMed()).isEqualTo(50);
        assertThat(change.getBmpTime().getSeconds()).isEqualTo(1_700_000_000L);
        final var cleared = stream.next();
        assertThat(cleared.getSequence()).isEqualTo(++sequence);
        assertThat(cleared.getCleared().getPeer().getAddress()).isEqualTo("192.0.2.7");
        assertThat(cleared.getCleared().getRouter()).isEqualTo(ref());
        assertThat(cleared.getCleared().getRoutes()).isEqualTo(4);
    }

    @Test
    void anObserverThatFallsBehindIsCutOffWithTheReason() throws Exception {
        final var done = new CompletableFuture<Status>();
        final var observer = new HeldBack<ObserveRibRequest, RibUpdate>(done, new AtomicInteger());
        RoutesGrpc.newStub(channel).withCallCredentials(basic("admin", "secret"))
            .observeRib(ObserveRibRequest.newBuilder().setBuffer(50).build(), observer);
        for (int i = 0; i < 200 && !bus.hasRouteSubscribers(); i++) {
            Thread.sleep(10);
        }
        final var session = new InetSocketAddress(ROUTER.address(), ROUTER.port());
        final var keys = new RouteKeys.Builder();
        for (int i = 0; i < 100_000 && !done.isDone(); i++) {
            keys.add(1, 1, 0x0A000000L | i << 8, 0, 24, 0, 0);
            bus.publish(new MonitoringEvent.RouteUpdate(Instant.now(), session, PEER, Rib.ADJ_RIB_IN_PRE, null,
                RouteKeys.EMPTY, keys.build(), null));
            if (i % 10_000 == 0) {
                Thread.sleep(20);
            }
        }
        observer.call.request(Integer.MAX_VALUE);
        final var status = done.get(30, TimeUnit.SECONDS);
        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getDescription()).contains("fell behind by more than its 50 buffered UPDATEs");
        for (int i = 0; i < 200 && bus.hasRouteSubscribers(); i++) {
            Thread.sleep(10);
        }
        assertThat(bus.hasRouteSubscribers()).as("the subscription ended with the stream").isFalse();
    }

    @Test
    void moreWatchersThanConfiguredAreRefused() throws Exception {
        final var events = EventsGrpc.newBlockingStub(channel).withCallCredentials(basic("admin", "secret"));
        final var first = events.watch(WatchRequest.getDefaultInstance());
        final var second = events.watch(WatchRequest.getDefaultInstance());
        awaitSubscribers(2);
        final var third = events.watch(WatchRequest.getDefaultInstance());
        assertThatThrownBy(third::hasNext).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(e.getStatus().getDescription()).contains("already 2 event streams");
        });
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
    }

    /** A client that reads nothing until told to ({@code call.request}), then counts what it reads. */
    private static final class HeldBack<Q, R> implements ClientResponseObserver<Q, R> {
        private final CompletableFuture<Status> done;
        private final AtomicInteger received;
        private ClientCallStreamObserver<Q> call;

        HeldBack(final CompletableFuture<Status> done, final AtomicInteger received) {
            this.done = done;
            this.received = received;
        }

        @Override
        public void beforeStart(final ClientCallStreamObserver<Q> requestStream) {
            call = requestStream;
            requestStream.disableAutoRequestWithInitial(0);
        }

        @Override
        public void onNext(final R value) {
            received.incrementAndGet();
            call.request(1);
        }

        @Override
        public void onError(final Throwable error) {
            done.complete(Status.fromThrowable(error));
        }

        @Override
        public void onCompleted() {
            done.complete(Status.OK);
        }
    }

    private void awaitSubscribed() throws InterruptedException {
        awaitSubscribers(1);
    }

    private void awaitSubscribers(final int count) throws InterruptedException {
        for (int i = 0; i < 200 && bus.subscribers() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(bus.subscribers()).isGreaterThanOrEqualTo(count);
    }

    private static LookupRequest lookup(final String prefix, final MatchType match) {
        return LookupRequest.newBuilder().setPrefix(prefix).setMatch(match).build();
    }

    private static List<String> prefixes(final List<Route> routes) {
        return routes.stream().map(Route::getPrefix).toList();
    }

    private static RouterRef ref() {
        return RouterRef.newBuilder().setAddress("192.0.2.1").setPort(40000).build();
    }

    private static CallCredentials basic(final String user, final String password) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(final RequestInfo requestInfo, final Executor appExecutor,
                    final MetadataApplier applier) {
                final var headers = new Metadata();
                headers.put(BasicAuthInterceptor.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
                applier.apply(headers);
            }
        };
    }

    private static MonitoringState state() {
        final Router router = new RouterBuilder()
            .setAddress(new IpAddress(new Ipv4Address("192.0.2.1")))
            .setPort(new PortNumber(Uint16.valueOf(40000)))
            .setState(SessionState.Up)
            .setSysName("edge-1")
            .setDevice("edge-1")
            .setDeviceMatch("sysName edge-1")
            .setPeer(Map.of())
            .build();
        final var peer = new PeerBuilder()
            .setPeerType(Uint8.ZERO)
            .setDistinguisher("0:0")
            .setPeerAddress(new IpAddress(new Ipv4Address("192.0.2.7")))
            .setBgpId(new Ipv4Address("192.0.2.7"))
            .setPeerAs(new AsNumber(Uint32.valueOf(65001)))
            .setState(SessionState.Up)
            .build();
        final Router withPeer = new RouterBuilder(router).setPeer(Map.of(peer.key(), peer)).build();
        return new MonitoringState() {
            @Override
            public List<Router> routers() {
                return List.of(withPeer);
            }

            @Override
            public Optional<Summary> summary() {
                return Optional.empty();
            }
        };
    }

    private static InetAddress address(final String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
