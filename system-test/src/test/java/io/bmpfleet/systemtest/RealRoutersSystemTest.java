/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import io.bmpfleet.bmp.codec.tool.TsharkOracle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's collector against real routers: a private FRR bgpd and a private GoBGP on loopback, peering
 * over iBGP, both reporting over BMP to the distribution's collector. GoBGP is given a known set of routes; the
 * state must show both routers by their sysName, their peers up, FRR's pre-policy Adj-RIB-In and GoBGP's Loc-RIB
 * holding exactly those routes, statistics arriving, and follow a neighbor shutdown and a bgpd stop and restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealRoutersSystemTest {
    private static final Logger LOG = LoggerFactory.getLogger(RealRoutersSystemTest.class);
    private static final String INTENT = "/rests/data/bmpfleet-intent:bmpfleet";
    private static final String STATE = "/rests/data/bmpfleet-state:bmpfleet-state";
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final int ROUTES = 50;
    private static final int ROUTES6 = 20;
    private static final String IPV6 = "ipv6-unicast";
    private static final int GLOBAL = 0;
    private static final int LOC_RIB = 3;
    private static final String IPV4 = "ipv4-unicast";
    private static final String PRE = "adj-rib-in-pre-policy";
    private static final String POST = "adj-rib-in-post-policy";
    private static final String LOC = "loc-rib";

    private static KarafInstance karaf;
    private static RouterLab lab;
    private static Path capture;
    private static int bmpPort;

    @BeforeAll
    static void bootControllerAndRouters() throws Exception {
        // Fails (does not skip) without the routers: CI installs them.
        RouterLab.Binaries.find();
        final var workdir = Path.of(System.getProperty("bmpfleet.workdir", "target/system-test"));
        final var target = workdir.toAbsolutePath().getParent();
        karaf = KarafInstance.unpack(Path.of(System.getProperty("bmpfleet.dist")),
            target.resolve("system-test-real-routers"));
        LOG.info("bmpfleet distribution: first RESTCONF answer {} ms after bin/start", karaf.start().toMillis());

        bmpPort = KarafInstance.freePort();
        final var listener = karaf.send("PUT", INTENT + "/collector/listener=real", """
            {"bmpfleet-intent:listener": [{"name": "real", "address": "127.0.0.1", "port": %d}]}"""
            .formatted(bmpPort));
        assertThat(listener.statusCode()).as(listener.body()).isIn(200, 201, 204);

        lab = RouterLab.create(target.resolve("real-routers"), bmpPort);
        capture = lab.dir().resolve("bmp.pcap");
        lab.startCapture(capture);
        lab.startGobgp();
        lab.startFrr();
        lab.awaitEstablished(Duration.ofSeconds(30));
        LOG.info("FRR and GoBGP Established; BMP to 127.0.0.1:{}, routers in {}", bmpPort, lab.dir());

        lab.addIpv4Routes(ROUTES);
        for (int i = 0; i < ROUTES6; i++) {
            lab.gobgp("global", "rib", "add", "-a", "ipv6", ipv6Route(i) + "/64", "nexthop", RouterLab.NEXT_HOP6);
        }
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((lab.frrPrefixesReceived() != ROUTES || lab.frrPrefixesReceived("ipv6Unicast") != ROUTES6)
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(lab.frrPrefixesReceived()).as("prefixes FRR received from GoBGP").isEqualTo(ROUTES);
        assertThat(lab.frrPrefixesReceived("ipv6Unicast")).as("IPv6 prefixes FRR received from GoBGP")
            .isEqualTo(ROUTES6);
    }

    @AfterAll
    static void shutdown() throws Exception {
        try {
            if (lab != null) {
                lab.close();
                LOG.info("BMP capture of the run: {}", capture);
            }
        } finally {
            if (karaf != null) {
                karaf.close();
            }
        }
    }

    @Test
    @Order(1)
    void bothRoutersReportWithTheirSysNameAndPeersUp() throws Exception {
        final var state = await("FRR and GoBGP sessions up with their sysName and their peers up", s -> {
            final var frr = s.router(RouterLab.FRR_HOSTNAME);
            final var gobgp = s.router(RouterLab.GOBGP_SYS_NAME);
            return frr.isPresent() && gobgp.isPresent() && "up".equals(BmpState.text(frr.orElseThrow(), "state"))
                && "up".equals(BmpState.text(gobgp.orElseThrow(), "state"))
                && peerUp(frr.orElseThrow(), RouterLab.GOBGP_ADDRESS) && peerUp(gobgp.orElseThrow(),
                RouterLab.FRR_ADDRESS);
        });
        assertThat(state.routersNamed(RouterLab.FRR_HOSTNAME)).hasSize(1);
        assertThat(state.routersNamed(RouterLab.GOBGP_SYS_NAME)).hasSize(1);
        assertThat(BmpState.text(state.router(RouterLab.FRR_HOSTNAME).orElseThrow(), "sys-descr")).startsWith("FRR");
        assertThat(BmpState.text(state.router(RouterLab.GOBGP_SYS_NAME).orElseThrow(), "sys-descr"))
            .isEqualTo(RouterLab.GOBGP_SYS_DESCR);
        for (var router : state.routers()) {
            assertThat(BmpState.number(router, "decode-errors")).as("decode errors of %s", router).isZero();
        }
        // FRR's Peer Up for GoBGP: the BGP session and GoBGP's OPEN as FRR received it
        final var peerUp = frrPeer(state).orElseThrow().getAsJsonObject("peer-up");
        assertThat(BmpState.text(peerUp, "local-address")).isEqualTo(RouterLab.FRR_ADDRESS);
        final var open = peerUp.getAsJsonObject("received-open");
        assertThat(BmpState.number(open, "my-as")).isEqualTo(RouterLab.AS);
        assertThat(BmpState.text(open, "bgp-id")).isEqualTo(RouterLab.GOBGP_ADDRESS);
        final var capabilities = new ArrayList<String>();
        open.getAsJsonArray("capability").forEach(c -> capabilities.add(c.getAsString()));
        assertThat(capabilities).contains("multiprotocol ipv4-unicast", "four-octet-as " + RouterLab.AS);
    }

    /** The index-th injected IPv6 prefix's address, as the codec and tshark print it (never a zero group). */
    private static String ipv6Route(final int index) {
        return "2001:db8:77:" + Integer.toHexString(index + 1) + "::";
    }

    @Test
    @Order(2)
    void frrPrePolicyHoldsTheInjectedRoutes() throws Exception {
        await("FRR's pre-policy ipv4-unicast count for GoBGP = " + ROUTES, s -> frrPeer(s)
            .filter(p -> BmpState.routes(p, PRE, IPV4) == ROUTES).isPresent());
        await("FRR's pre-policy ipv6-unicast count for GoBGP = " + ROUTES6, s -> frrPeer(s)
            .filter(p -> BmpState.routes(p, PRE, IPV6) == ROUTES6).isPresent());
        // No inbound policy: post-policy (FRR monitors it too) holds the same routes.
        await("FRR's post-policy ipv4-unicast count for GoBGP = " + ROUTES, s -> frrPeer(s)
            .filter(p -> BmpState.routes(p, POST, IPV4) == ROUTES).isPresent());
    }

    @Test
    @Order(3)
    void gobgpLocRibHoldsTheInjectedRoutes() throws Exception {
        // GoBGP 3.10 sends Loc-RIB Route Monitoring (peer type 3, BGP ID = its router-id) without a Peer Up for it:
        // the peer reports, neither up nor down.
        await("GoBGP's Loc-RIB (peer type 3) reporting, ipv4-unicast count = " + ROUTES + ", ipv6-unicast = "
            + ROUTES6, s -> s.router(RouterLab.GOBGP_SYS_NAME).map(r -> BmpState.peersOfType(r, LOC_RIB).stream()
                .anyMatch(p -> RouterLab.GOBGP_ADDRESS.equals(BmpState.text(p, "bgp-id"))
                    && BmpState.routes(p, LOC, IPV4) == ROUTES && BmpState.routes(p, LOC, IPV6) == ROUTES6
                    && "reporting".equals(BmpState.text(p, "state")))).orElse(false));
    }

    @Test
    @Order(4)
    void statisticsArriveAndKeepComing() throws Exception {
        final var first = await("a Statistics Report from FRR about GoBGP", s -> frrPeer(s)
            .filter(p -> !BmpState.statistics(p).isEmpty()).isPresent());
        final var received = BmpState.lastStatistics(frrPeer(first).orElseThrow());
        assertThat(received).isNotEmpty();
        // FRR reports every second (bmp stats interval 1000): a later report within a few intervals.
        await("a later Statistics Report from FRR than at " + received, Duration.ofSeconds(10), s -> frrPeer(s)
            .filter(p -> BmpState.lastStatistics(p).compareTo(received) > 0).isPresent());
        // GoBGP reports every statistics-timeout = 15 s.
        await("a Statistics Report from GoBGP about FRR", s -> s.router(RouterLab.GOBGP_SYS_NAME)
            .flatMap(r -> BmpState.peer(r, GLOBAL, RouterLab.FRR_ADDRESS, RouterLab.FRR_ADDRESS))
            .filter(p -> !BmpState.statistics(p).isEmpty()).isPresent());
    }

    @Test
    @Order(5)
    void neighborShutdownTakesThePeerDownAndEmptiesItsTables() throws Exception {
        lab.configureFrrBgp("neighbor " + RouterLab.GOBGP_ADDRESS + " shutdown");
        assertThat(lab.frrPeerState()).isNotEqualTo("Established");
        final var state = await("FRR's peer GoBGP down with a reason and no routes", s -> frrPeer(s)
            .filter(p -> "down".equals(BmpState.text(p, "state")) && BmpState.text(p, "down-reason") != null
                && BmpState.allRoutes(p) == 0).isPresent());
        LOG.info("FRR's peer after neighbor shutdown: {}", frrPeer(state).orElseThrow());
        assertThat(BmpState.text(state.router(RouterLab.FRR_HOSTNAME).orElseThrow(), "state")).isEqualTo("up");
    }

    @Test
    @Order(6)
    void bgpdStopEndsItsSession() throws Exception {
        lab.stopFrr();
        assertThat(lab.frrRunning()).isFalse();
        await("FRR's BMP session down after SIGTERM", s -> s.router(RouterLab.FRR_HOSTNAME)
            .filter(r -> "down".equals(BmpState.text(r, "state"))).isPresent());
    }

    @Test
    @Order(7)
    void bgpdRestartReconnectsAndRefillsTheCounts() throws Exception {
        if (lab.frrRunning()) {
            // Only if the previous step failed before stopping it.
            lab.stopFrr();
        }
        lab.startFrr();
        lab.configureFrrBgp("no neighbor " + RouterLab.GOBGP_ADDRESS + " shutdown");
        lab.awaitEstablished(Duration.ofSeconds(30));
        await("FRR back: session up, peer GoBGP up, pre-policy count = " + ROUTES, s -> s.router(RouterLab.FRR_HOSTNAME)
            .filter(r -> "up".equals(BmpState.text(r, "state"))).flatMap(RealRoutersSystemTest::frrPeerOf)
            .filter(p -> "up".equals(BmpState.text(p, "state")) && BmpState.routes(p, PRE, IPV4) == ROUTES)
            .isPresent());
        // GoBGP's session was never interrupted: its Loc-RIB must still be whole.
        gobgpLocRibHoldsTheInjectedRoutes();
        assertThat(lab.frrRunning()).isTrue();
        assertThat(lab.gobgpRunning()).isTrue();
    }

    @Test
    @Order(8)
    void recordedCaptureDecodesAsTsharkDissectsIt() throws Exception {
        // Everything FRR 8.4 and GoBGP 3.10 sent during this class: Initiation, Peer Up/Down, Route Monitoring of
        // pre/post-policy and Loc-RIB, stats (FRR's 65531 too), the session ended by SIGTERM and the one after it.
        assertThat(lab.stopCapture()).as("dumpcap recorded the BMP sessions (Debian tshark installs it)").isTrue();
        final var compared = TsharkOracle.assertAgrees(capture, bmpPort);
        LOG.info("recorded capture {} agrees with tshark: {} messages, {} IPv4 and {} IPv6 prefixes, {} statistics",
            capture, compared.get("bmp.type").size(), compared.get("bgp.nlri_prefix").size(),
            compared.getOrDefault("bgp.mp_reach_nlri_ipv6_prefix", List.of()).size(), compared.get("stats").size());
        assertThat(compared.get("bmp.type")).as("message types recorded").contains("0", "1", "2", "3", "4");
        final var injected = IntStream.range(0, ROUTES).mapToObj(i -> "10.77." + i + ".0").toList();
        assertThat(compared.get("bgp.nlri_prefix")).as("the injected prefixes").containsAll(injected);
        final var injected6 = IntStream.range(0, ROUTES6).mapToObj(RealRoutersSystemTest::ipv6Route).toList();
        assertThat(compared.get("bgp.mp_reach_nlri_ipv6_prefix")).as("the injected IPv6 prefixes")
            .containsAll(injected6);
    }

    /**
     * A gRPC client nobody here wrote: Node's grpc-js with proto-loader, from the .proto file, over TLS with the
     * certificate the controller made, as the AAA user admin. It lists the routers, looks a prefix up, and watches
     * events while FRR's neighbor GoBGP is shut down and brought back.
     */
    @Test
    @Order(9)
    void grpcJsClientListsLooksUpAndWatchesANeighborGoDownAndUp() throws Exception {
        final var client = lab.dir().resolve("grpc-js");
        Files.createDirectories(client);
        final var sources = Path.of(System.getProperty("bmpfleet.node"));
        for (var file : List.of("package.json", "package-lock.json", "grpc-client.js")) {
            Files.copy(sources.resolve(file), client.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        final var install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
            .directory(client.toFile()).redirectErrorStream(true).start();
        final var installed = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(install.waitFor(300, TimeUnit.SECONDS)).as("npm ci finished").isTrue();
        assertThat(install.exitValue()).as("npm ci (the npm registry must be reachable): " + installed).isZero();
        final var certificate = karaf.home().resolve("etc/bmpfleet-grpc/server.crt");
        await("the gRPC server's self-signed certificate", s -> Files.exists(certificate));

        final var builder = new ProcessBuilder("node", "grpc-client.js").directory(client.toFile())
            .redirectError(client.resolve("client.err").toFile());
        builder.environment().putAll(java.util.Map.of("PROTO_DIR", System.getProperty("bmpfleet.proto"),
            "CA_FILE", certificate.toString(), "GRPC_ADDRESS", "127.0.0.1:" + karaf.grpcPort(),
            "GRPC_USER", "admin", "GRPC_PASSWORD", karaf.adminPassword(), "PREFIX", "10.77.5.9",
            "SYSNAME", RouterLab.FRR_HOSTNAME, "PEER", RouterLab.GOBGP_ADDRESS, "TIMEOUT_MS", "90000"));
        final var node = builder.start();
        final var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
        final var reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (java.io.IOException e) {
                lines.add("{\"readerError\": \"" + e.getMessage() + "\"}");
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            final var routers = next(lines, "routers");
            assertThat(routers.getAsJsonArray("routers").toString()).contains("\"sysName\":\"" + RouterLab.FRR_HOSTNAME
                + "\"", "\"sysName\":\"" + RouterLab.GOBGP_SYS_NAME + "\"", "\"state\":\"up\"");
            final var lookup = next(lines, "lookup").getAsJsonArray("lookup");
            assertThat(lookup.toString()).contains("\"prefix\":\"10.77.5.0/24\"", "\"nextHop\":\""
                + RouterLab.NEXT_HOP + "\"", RouterLab.AS + ":5");
            // The stream is open once something arrived on it (FRR reports statistics every second).
            next(lines, "sequence");
            lab.configureFrrBgp("neighbor " + RouterLab.GOBGP_ADDRESS + " shutdown");
            await("FRR's peer GoBGP down", s -> frrPeer(s).filter(p -> "down".equals(BmpState.text(p, "state")))
                .isPresent());
            lab.configureFrrBgp("no neighbor " + RouterLab.GOBGP_ADDRESS + " shutdown");
            lab.awaitEstablished(Duration.ofSeconds(30));
            final var done = next(lines, "done");
            assertThat(done.get("done").getAsBoolean()).isTrue();
            assertThat(node.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as(Files.readString(client.resolve("client.err"))).isZero();
        } finally {
            node.destroyForcibly();
        }
    }

    /** The next line of the client that has the key; fails on an error line or after 90 s. */
    private static JsonObject next(final java.util.concurrent.BlockingQueue<String> lines, final String key)
            throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            final var line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            LOG.info("grpc-js: {}", line);
            final var object = com.google.gson.JsonParser.parseString(line).getAsJsonObject();
            if (object.has("error") || object.has("timeout") || object.has("readerError")) {
                fail("grpc-js client: " + line);
            }
            if (object.has(key)) {
                return object;
            }
        }
        return fail("grpc-js client printed no '" + key + "' line within 90 s");
    }

    /** A global-instance peer whose address is its BGP ID (true of both routers here) is up. */
    private static boolean peerUp(final JsonObject router, final String address) {
        return BmpState.peer(router, GLOBAL, address, address).filter(p -> "up".equals(BmpState.text(p, "state")))
            .isPresent();
    }

    private static Optional<JsonObject> frrPeer(final BmpState state) {
        return state.router(RouterLab.FRR_HOSTNAME).flatMap(RealRoutersSystemTest::frrPeerOf);
    }

    private static Optional<JsonObject> frrPeerOf(final JsonObject router) {
        return BmpState.peer(router, GLOBAL, RouterLab.GOBGP_ADDRESS, RouterLab.GOBGP_ADDRESS);
    }

    private static BmpState await(final String what, final Predicate<BmpState> done) throws Exception {
        return await(what, LIMIT, done);
    }

    /** Polls the state twice a second until it satisfies the condition; fails with the last state seen. */
    private static BmpState await(final String what, final Duration limit, final Predicate<BmpState> done)
            throws Exception {
        final long deadline = System.nanoTime() + limit.toNanos();
        BmpState last = null;
        do {
            final var response = karaf.get(STATE, "application/json");
            if (response.statusCode() == 200) {
                last = BmpState.parse(response.body());
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return fail("not seen within " + limit + ": " + what + "\nrouter processes: bgpd "
            + (lab.frrRunning() ? "running" : "not running") + ", gobgpd " + (lab.gobgpRunning() ? "running"
            : "not running") + "\nlast state: " + last + "\nBMP capture: " + capture + "\nkaraf log: "
            + karaf.home().resolve("data/log/karaf.log"));
    }
}
