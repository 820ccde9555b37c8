/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bmpfleet.grpc.v1.Activation;
import io.bmpfleet.grpc.v1.DeleteIntentRequest;
import io.bmpfleet.grpc.v1.Device;
import io.bmpfleet.grpc.v1.DevicesGrpc;
import io.bmpfleet.grpc.v1.DumpRequest;
import io.bmpfleet.grpc.v1.Event;
import io.bmpfleet.grpc.v1.EventsGrpc;
import io.bmpfleet.grpc.v1.GetIntentRequest;
import io.bmpfleet.grpc.v1.IntentGrpc;
import io.bmpfleet.grpc.v1.IntentItems;
import io.bmpfleet.grpc.v1.ListDevicesRequest;
import io.bmpfleet.grpc.v1.ListPeersRequest;
import io.bmpfleet.grpc.v1.ListRoutersRequest;
import io.bmpfleet.grpc.v1.LookupRequest;
import io.bmpfleet.grpc.v1.Management;
import io.bmpfleet.grpc.v1.MatchType;
import io.bmpfleet.grpc.v1.MonitoringGrpc;
import io.bmpfleet.grpc.v1.ObserveRibRequest;
import io.bmpfleet.grpc.v1.RenderRequest;
import io.bmpfleet.grpc.v1.Rib;
import io.bmpfleet.grpc.v1.RibUpdate;
import io.bmpfleet.grpc.v1.Route;
import io.bmpfleet.grpc.v1.RouteMonitoring;
import io.bmpfleet.grpc.v1.Router;
import io.bmpfleet.grpc.v1.RoutesGrpc;
import io.bmpfleet.grpc.v1.Station;
import io.bmpfleet.grpc.v1.SyncRequest;
import io.bmpfleet.grpc.v1.TableSelector;
import io.bmpfleet.grpc.v1.Target;
import io.bmpfleet.grpc.v1.WatchDevicesRequest;
import io.bmpfleet.grpc.v1.WatchRequest;
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
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC API of the booted distribution, over TLS with the certificate the controller made itself at first
 * start, authenticated as the OpenDaylight user admin: health and reflection, refusals without credentials, a
 * router session played by the test (its routers, peers, routes with decoded attributes, a dump), the events of a
 * Peer Down as they happen, and the devices of the intent with the push RPCs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GrpcSystemTest {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcSystemTest.class);
    private static final String INTENT = "/rests/data/bmpfleet-intent:bmpfleet";
    private static final String PEER = "192.0.2.7";

    private static KarafInstance karaf;
    private static ManagedChannel channel;
    private static int bmpPort;
    private static Path certificate;

    @BeforeAll
    static void boot() throws Exception {
        final var workdir = Path.of(System.getProperty("bmpfleet.workdir", "target/system-test"));
        karaf = KarafInstance.unpack(Path.of(System.getProperty("bmpfleet.dist")),
            workdir.toAbsolutePath().getParent().resolve("system-test-grpc"));
        LOG.info("bmpfleet distribution: first RESTCONF answer {} ms after bin/start", karaf.start().toMillis());
        bmpPort = KarafInstance.freePort();
        final int deadDevice;
        try (var socket = new ServerSocket(0)) {
            deadDevice = socket.getLocalPort();
        }
        final var credentials = karaf.send("POST", "/rests/operations/bmpfleet-intent:set-credentials", """
            {"input": {"name": "lab", "username": "netops", "password": "grpc-test"}}""");
        assertThat(credentials.statusCode()).as(credentials.body()).isIn(200, 204);
        final var put = karaf.send("PUT", INTENT, """
            {"bmpfleet-intent:bmpfleet": {
              "reconciler": {"failure-retry-delay": 1, "flapping-delay": 2},
              "station": [{"id": 1, "address": "127.0.0.1", "port": %1$d}],
              "target": [{"name": "t", "station": [1]}],
              "device": [{"name": "ios-lab", "platform": "bmpfleet-intent:cisco-ios", "bgp-as": 65000,
                          "target": ["t"], "management": {"address": "127.0.0.1", "port": %2$d,
                                         "credentials": "lab"}}],
              "collector": {"listener": [{"name": "grpc", "address": "127.0.0.1", "port": %1$d}]}
            }}""".formatted(bmpPort, deadDevice));
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201, 204);
        certificate = karaf.home().resolve("etc/bmpfleet-grpc/server.crt");
        for (int i = 0; i < 120 && !Files.exists(certificate); i++) {
            Thread.sleep(250);
        }
        assertThat(certificate).as("the self-signed certificate made at first start").exists();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", karaf.grpcPort())
            .sslContext(GrpcSslContexts.forClient().trustManager(certificate.toFile()).build()).build();
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (karaf != null) {
            karaf.close();
        }
    }

    private static CallCredentials admin() {
        return basic("admin", karaf.adminPassword());
    }

    private static CallCredentials basic(final String user, final String password) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(final RequestInfo requestInfo, final Executor appExecutor,
                    final MetadataApplier applier) {
                final var headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
                applier.apply(headers);
            }
        };
    }

    @Test
    @Order(1)
    void tlsWithTheLoggedFingerprintHealthAndReflection() throws Exception {
        final String fingerprint;
        try (var in = Files.newInputStream(certificate)) {
            final var cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(cert.getEncoded()));
        }
        final var log = Files.readString(karaf.home().resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("bmpfleet gRPC API on", "(self-signed, made now), SHA-256 fingerprint "
            + fingerprint);
        final var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
            .check(HealthCheckRequest.newBuilder().setService("bmpfleet.v1.Monitoring").build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

        final var services = new CompletableFuture<List<String>>();
        final var request = ServerReflectionGrpc.newStub(channel).withCallCredentials(admin())
            .serverReflectionInfo(new StreamObserver<ServerReflectionResponse>() {
                @Override
                public void onNext(final ServerReflectionResponse value) {
                    services.complete(value.getListServicesResponse().getServiceList().stream()
                        .map(s -> s.getName()).toList());
                }

                @Override
                public void onError(final Throwable error) {
                    services.completeExceptionally(error);
                }

                @Override
                public void onCompleted() {
                    // answered in onNext
                }
            });
        request.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        assertThat(services.get(10, TimeUnit.SECONDS)).contains("bmpfleet.v1.Intent", "bmpfleet.v1.Monitoring",
            "bmpfleet.v1.Routes",
            "bmpfleet.v1.Events", "bmpfleet.v1.Devices");
        request.onCompleted();
    }

    @Test
    @Order(2)
    void withoutValidCredentialsNothingButUnauthenticated() {
        final var anonymous = MonitoringGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> anonymous.listRouters(ListRoutersRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        final var wrong = anonymous.withCallCredentials(basic("admin", "not-the-password"));
        assertThatThrownBy(() -> wrong.listRouters(ListRoutersRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    @Order(3)
    void aRouterItsPeerRoutesAndEventsOverGrpc() throws Exception {
        final var monitoring = MonitoringGrpc.newBlockingStub(channel).withCallCredentials(admin());
        final var routes = RoutesGrpc.newBlockingStub(channel).withCallCredentials(admin());
        try (var router = FakeRouter.connect(bmpPort)) {
            router.initiation("grpc-router", "bmpfleet gRPC system test");
            router.peerUp(PEER, 65001);
            router.routes(PEER, 65001, 64999, 20, 0xFDE90064L, List.of("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"));
            final Router seen = await(() -> monitoring.listRouters(ListRoutersRequest.getDefaultInstance())
                .getRoutersList().stream().filter(r -> r.getSysName().equals("grpc-router") && r.getPeersUp() == 1)
                .findFirst().orElse(null));
            assertThat(seen.getState()).isEqualTo("up");
            assertThat(seen.getRef().getAddress()).isEqualTo("127.0.0.1");
            assertThat(seen.getLocalPort()).isEqualTo(bmpPort);
            final var peer = await(() -> monitoring.listPeers(ListPeersRequest.newBuilder().setRouter(seen.getRef())
                .build()).getPeersList().stream().filter(p -> p.getRouteCountsList().stream()
                    .anyMatch(c -> c.getRoutes() == 3)).findFirst().orElse(null));
            assertThat(peer.getRef().getAddress()).isEqualTo(PEER);
            assertThat(peer.getAs()).isEqualTo(65001);
            assertThat(peer.getReceivedOpen().getCapabilitiesList()).contains("multiprotocol ipv4-unicast");

            final var longest = routes.lookup(LookupRequest.newBuilder().setPrefix("10.1.2.99")
                .setMatch(MatchType.LONGEST_PREFIX).build()).getRoutesList();
            assertThat(longest).singleElement().satisfies(r -> {
                assertThat(r.getPrefix()).isEqualTo("10.1.2.0/24");
                assertThat(r.getRouter()).isEqualTo(seen.getRef());
                assertThat(r.getAttributes().getOriginAs()).isEqualTo(64999);
                assertThat(r.getAttributes().getNextHop()).isEqualTo(PEER);
                assertThat(r.getAttributes().getMed()).isEqualTo(20);
                assertThat(r.getAttributes().getCommunitiesList()).containsExactly("65001:100");
            });
            final var dumped = new ArrayList<Route>();
            routes.dump(DumpRequest.getDefaultInstance()).forEachRemaining(b -> dumped.addAll(b.getRoutesList()));
            assertThat(dumped).extracting(Route::getPrefix).containsExactly("10.0.0.0/8", "10.1.0.0/16",
                "10.1.2.0/24");

            // The table as it is, its end, then its changes as the router sends them.
            final var observed = RoutesGrpc.newBlockingStub(channel).withCallCredentials(admin())
                .withDeadlineAfter(60, TimeUnit.SECONDS).observeRib(ObserveRibRequest.newBuilder()
                    .setTables(TableSelector.newBuilder().setRouter(seen.getRef())).build());
            final var initial = new ArrayList<Route>();
            RibUpdate update = observed.next();
            while (update.getInitialDump()) {
                initial.addAll(update.getAnnouncedList());
                update = observed.next();
            }
            assertThat(update.getEndOfRib()).isTrue();
            assertThat(initial).extracting(Route::getPrefix).containsExactly("10.0.0.0/8", "10.1.0.0/16",
                "10.1.2.0/24");
            router.routes(PEER, 65001, 64998, 30, 0xFDE90065L, List.of("10.9.0.0/16", "10.1.2.0/24"));
            update = observed.next();
            assertThat(update.getAnnouncedList()).extracting(Route::getPrefix).containsExactly("10.9.0.0/16",
                "10.1.2.0/24");
            assertThat(update.getAnnounced(0).getAttributes().getOriginAs()).isEqualTo(64998);
            assertThat(update.getAnnounced(0).getAttributes().getCommunitiesList()).containsExactly("65001:101");
            assertThat(update.getAnnounced(0).getRib()).isEqualTo(Rib.ADJ_RIB_IN_PRE_POLICY);
            assertThat(update.hasBmpTime()).isTrue();

            // Events as they happen: the Peer Down arrives with its reason, numbered.
            final var stream = EventsGrpc.newBlockingStub(channel).withCallCredentials(admin())
                .withDeadlineAfter(30, TimeUnit.SECONDS).watch(WatchRequest.getDefaultInstance());
            // The stream is open once the server answered its headers; give the subscription a moment.
            Thread.sleep(500);
            router.peerDown(PEER, 65001);
            Event event = stream.next();
            while (!event.hasPeerDown()) {
                event = stream.next();
            }
            assertThat(event.getSequence()).isPositive();
            assertThat(event.getRouter()).isEqualTo(seen.getRef());
            assertThat(event.getPeerDown().getPeer().getAddress()).isEqualTo(PEER);
            assertThat(event.getPeerDown().getReason()).contains("closed");
            // The router's own time of it (FakeRouter stamps its per-peer headers with the wall clock).
            assertThat(event.hasBmpTime()).isTrue();
            assertThat(Math.abs(event.getBmpTime().getSeconds() - System.currentTimeMillis() / 1000)).isLessThan(60);

            // The observer is told that the peer's tables went.
            RibUpdate cleared = observed.next();
            while (!cleared.hasCleared()) {
                cleared = observed.next();
            }
            assertThat(cleared.getCleared().getPeer().getAddress()).isEqualTo(PEER);
            assertThat(cleared.getCleared().getRoutes()).isEqualTo(4);
        }
        // The Peer Down emptied the peer's tables.
        await(() -> routes.lookup(LookupRequest.newBuilder().setPrefix("10.0.0.0/8").build()).getRoutesCount() == 0
            ? Boolean.TRUE : null);
    }

    @Test
    @Order(4)
    void devicesTheirStatusAndThePushRpcs() throws Exception {
        final var devices = DevicesGrpc.newBlockingStub(channel).withCallCredentials(admin())
            .withDeadlineAfter(60, TimeUnit.SECONDS);
        final var device = await(() -> devices.listDevices(ListDevicesRequest.getDefaultInstance()).getDevicesList()
            .stream().filter(d -> d.getName().equals("ios-lab") && d.getSyncStatus().equals("unreachable"))
            .findFirst().orElse(null));
        assertThat(device.getPlatform()).isEqualTo("cisco-ios");
        assertThat(device.getLastError()).contains("cannot reach 127.0.0.1");
        // The status as it is now, then its changes: the retries of the unreachable device count up.
        final var watch = DevicesGrpc.newBlockingStub(channel).withCallCredentials(admin())
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .watchDevices(WatchDevicesRequest.newBuilder().setDevice("ios-lab").build());
        final var first = watch.next();
        assertThat(first.getName()).isEqualTo("ios-lab");
        var later = watch.next();
        while (later.getAttempts() <= first.getAttempts()) {
            later = watch.next();
        }
        assertThat(later.getSyncStatus()).isEqualTo("unreachable");
        final var rendering = devices.render(RenderRequest.newBuilder().setDevice("ios-lab").build());
        assertThat(rendering.getRendered()).contains("bmp server 1", "address 127.0.0.1 port-number " + bmpPort);
        assertThat(rendering.getError()).contains("cannot reach 127.0.0.1");
        final var events = EventsGrpc.newBlockingStub(channel).withCallCredentials(admin())
            .withDeadlineAfter(60, TimeUnit.SECONDS).watch(WatchRequest.getDefaultInstance());
        // The stream is open once the server answered its headers; give the subscription a moment.
        Thread.sleep(500);
        final var sync = devices.sync(SyncRequest.newBuilder().setDevice("ios-lab").build());
        assertThat(sync.getResultsList()).singleElement().satisfies(r -> {
            assertThat(r.getSyncStatus()).isEqualTo("unreachable");
            assertThat(r.getError()).contains("cannot reach");
        });
        // The push it asked for is an event too (with the retries the reconciler makes by itself).
        Event told = events.next();
        while (!told.hasDeviceSync()) {
            told = events.next();
        }
        assertThat(told.hasRouter()).isFalse();
        assertThat(told.getDeviceSync().getDevice()).isEqualTo("ios-lab");
        assertThat(told.getDeviceSync().getJob()).isEqualTo("apply");
        assertThat(told.getDeviceSync().getStatus()).isEqualTo("unreachable");
        assertThat(told.getDeviceSync().getError()).contains("cannot reach 127.0.0.1");
        assertThatThrownBy(() -> devices.render(RenderRequest.newBuilder().setDevice("nope").build()))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    @Order(5)
    void intentOverGrpcIsTheSameIntentWithTheSameRefusals() throws Exception {
        final var intent = IntentGrpc.newBlockingStub(channel).withCallCredentials(admin())
            .withDeadlineAfter(60, TimeUnit.SECONDS);
        // What RESTCONF wrote, gRPC reads.
        final var before = intent.getIntent(GetIntentRequest.getDefaultInstance());
        assertThat(before.getStationsList()).extracting(Station::getId).containsExactly(1);
        assertThat(before.getDevicesList()).singleElement().satisfies(d -> {
            assertThat(d.getPlatform()).isEqualTo("cisco-ios");
            assertThat(d.getManagement().getCredentials()).isEqualTo("lab");
            assertThat(d.getTargetsList()).containsExactly("t");
        });
        // What gRPC writes, RESTCONF reads.
        final var applied = intent.applyIntent(IntentItems.newBuilder()
            .addStations(Station.newBuilder().setId(2).setAddress("192.0.2.50").setPort(5000).setFlappingDelay(120))
            .addTargets(Target.newBuilder().setName("t2").addStations(2).addRouteMonitoring(RouteMonitoring
                .newBuilder().setAddressFamily("ipv4-unicast").addRibs(Rib.ADJ_RIB_IN_POST_POLICY)))
            .addDevices(Device.newBuilder().setName("frr-grpc").setPlatform("frr").setBgpAs(65001)
                .setManagement(Management.newBuilder().setAddress("192.0.2.60").setCredentials("lab"))
                .addTargets("t2").addNeighbors(Activation.newBuilder().setSelector("192.0.2.7").setAll(true)))
            .build());
        assertThat(applied.getDevices()).isEqualTo(1);
        final var restconf = karaf.get(INTENT, "application/json").body();
        assertThat(restconf).contains("\"address\":\"192.0.2.50\"", "\"name\":\"t2\"", "\"name\":\"frr-grpc\"",
            "\"platform\":\"bmpfleet-intent:frr\"", "\"adj-rib-in-post-policy\"");
        final var after = intent.getIntent(GetIntentRequest.getDefaultInstance());
        assertThat(after.getDevicesList()).filteredOn(d -> d.getName().equals("frr-grpc")).singleElement()
            .satisfies(d -> assertThat(d.getNeighbors(0).getAll()).isTrue());

        // A value the model refuses: its own error-message, as RESTCONF gives it.
        assertThatThrownBy(() -> intent.applyIntent(IntentItems.newBuilder().addStations(Station.newBuilder()
            .setId(3).setPort(70000)).build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).contains("a port is 1 to 65535");
            });
        // A rule across the intent: the commit check's words, and nothing changed.
        assertThatThrownBy(() -> intent.applyIntent(IntentItems.newBuilder().addDevices(after.getDevicesList()
            .stream().filter(d -> d.getName().equals("frr-grpc")).findFirst().orElseThrow().toBuilder()
            .clearNeighbors().addNeighbors(Activation.newBuilder().setSelector("192.0.2.7").addStations(1)))
            .build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                assertThat(e.getStatus().getDescription()).contains("/bmpfleet/device[name='frr-grpc']/neighbor"
                    + "[selector='192.0.2.7']/station: station 1 is not a station of the device's targets [2]");
            });
        assertThatThrownBy(() -> intent.deleteIntent(DeleteIntentRequest.newBuilder().addStations(2).build()))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                assertThat(e.getStatus().getDescription()).contains("/bmpfleet/target[name='t2']/station: station 2"
                    + " does not exist");
            });
        assertThatThrownBy(() -> intent.deleteIntent(DeleteIntentRequest.newBuilder().addDevices("nope").build()))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                assertThat(e.getStatus().getDescription()).contains("device nope");
            });
        assertThat(intent.getIntent(GetIntentRequest.getDefaultInstance())).isEqualTo(after);

        // Deleting in the right order, in one call.
        intent.deleteIntent(DeleteIntentRequest.newBuilder().addDevices("frr-grpc").addTargets("t2").addStations(2)
            .build());
        assertThat(intent.getIntent(GetIntentRequest.getDefaultInstance())).isEqualTo(before);
    }

    /** Polls (twice a second, up to 30 s) until the supplier gives non-null. */
    private static <T> T await(final java.util.concurrent.Callable<T> check) throws Exception {
        for (int i = 0; i < 60; i++) {
            final T value = check.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("never satisfied: " + check);
    }
}
