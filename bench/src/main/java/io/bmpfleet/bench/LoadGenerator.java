/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.bench;

import com.google.gson.JsonParser;
import io.bmpfleet.bmp.codec.BmpEncoder;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.BmpTlv;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.Capability;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated routers streaming BMP to a collector over loopback: R routers (each from its own 127.0.x.y source),
 * P peers each, N IPv4 prefixes per peer packed about three to an UPDATE (AS paths of 3 to 8 hops, communities
 * and MED on some routes), sent at full speed or at a given rate, then optional churn (withdraw and re-announce).
 * It prints what it sent and, with {@code --restconf}, how long the controller took until its route counts
 * matched, and the controller's heap after GC and RSS.
 *
 * <p>Every phase is bounded in time; the generator ends by itself.
 */
public final class LoadGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    // Only what the wait needs: the whole state of 200 routers x 10 peers is over 1 MB of JSON, and polling it
    // every 50 ms would take a core of the controller away from the ingest being measured.
    private static final String STATE_QUERY = "/rests/data/bmpfleet-state:bmpfleet-state"
        + "?fields=router(address;last-message;peer(route-count))";

    private final Map<String, String> options;
    // The last state document read from RESTCONF.
    private String lastState;
    // The controller's heap after GC before this run sent anything (KiB), with --pid.
    private long heapBeforeKb = -1;
    private final int routers;
    private final int peers;
    private final int prefixes;
    private final int perUpdate;
    private final Random random = new Random(7854);

    private LoadGenerator(final Map<String, String> options) {
        this.options = options;
        routers = intOption("routers", 1);
        peers = intOption("peers", 1);
        prefixes = intOption("prefixes", 1_000_000);
        perUpdate = intOption("per-update", 3);
    }

    /**
     * Runs the generator.
     *
     * @param args {@code --target HOST:PORT [--routers R] [--peers P] [--prefixes N] [--per-update K]
     *     [--rate MSGS_PER_S] [--churn-seconds S] [--churn-rate UPDATES_PER_S] [--restconf URL] [--pid PID]
     *     [--wait-seconds S]}
     */
    public static void main(final String[] args) throws Exception {
        final var options = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("target")) {
            LOG.error("usage: loadgen --target HOST:PORT [--routers R] [--peers P] [--prefixes N] [--per-update K]"
                + " [--rate MSGS_PER_S] [--churn-seconds S] [--churn-rate UPDATES_PER_S] [--restconf URL]"
                + " [--pid PID] [--wait-seconds S]");
            System.exit(2);
        }
        new LoadGenerator(options).run();
    }

    private void run() throws Exception {
        final String[] target = options.get("target").split(":");
        final var collector = new InetSocketAddress(target[0], Integer.parseInt(target[1]));

        long begin = System.nanoTime();
        final var streams = new ArrayList<byte[]>();
        long messages = 0;
        for (int r = 0; r < routers; r++) {
            final var stream = Unpooled.buffer();
            messages += table(r, stream);
            final var bytes = new byte[stream.readableBytes()];
            stream.readBytes(bytes);
            stream.release();
            streams.add(bytes);
        }
        final long totalBytes = streams.stream().mapToLong(b -> b.length).sum();
        final long totalPrefixes = (long) routers * peers * prefixes;
        report("generated %d routers x %d peers x %d prefixes: %d messages, %.1f MB in %.1f s", routers, peers,
            prefixes, messages, totalBytes / 1e6, seconds(begin));

        if (options.get("pid") != null) {
            heapBeforeKb = heapAfterGcKb(options.get("pid"));
        }
        final var sockets = new ArrayList<Socket>();
        for (int r = 0; r < routers; r++) {
            final var socket = new Socket();
            socket.bind(new InetSocketAddress(source(r), 0));
            socket.connect(collector, 5000);
            sockets.add(socket);
        }
        final double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
        begin = System.nanoTime();
        final long beginWall = System.currentTimeMillis();
        final var senders = new ArrayList<Thread>();
        for (int r = 0; r < routers; r++) {
            final var out = sockets.get(r).getOutputStream();
            final byte[] bytes = streams.get(r);
            final double share = rate <= 0 ? 0 : rate / routers;
            final var sender = new Thread(() -> send(out, bytes, share), "router-" + r);
            sender.start();
            senders.add(sender);
        }
        for (var sender : senders) {
            sender.join(TimeUnit.MINUTES.toMillis(30));
        }
        final long lastByte = System.nanoTime();
        final double sendSeconds = (lastByte - begin) / 1e9;
        report("sent in %.2f s: %.0f messages/s, %.0f prefixes/s, %.1f MB/s", sendSeconds, messages / sendSeconds,
            totalPrefixes / sendSeconds, totalBytes / 1e6 / sendSeconds);

        final var restconf = options.get("restconf");
        final long waitMillis = TimeUnit.SECONDS.toMillis(intOption("wait-seconds", 120));
        if (restconf != null) {
            final long matched = awaitCounts(restconf, totalPrefixes, lastByte + TimeUnit.MILLISECONDS.toNanos(
                waitMillis));
            if (matched < 0) {
                report("controller counts did not reach %d within %d s", totalPrefixes, waitMillis / 1000);
            } else {
                report("controller route counts matched %d routes %.2f s after the last byte", totalPrefixes,
                    (matched - lastByte) / 1e9);
                // The state is published once a second; each router's last-message says when the collector
                // finished the session's latest message (its routes in the RIB), to the millisecond.
                final long lastMessage = lastMessageMillis(lastState);
                if (lastMessage > 0) {
                    report("controller ingest: %.2f s from the first byte to the last message in the RIB (%.2f s after"
                        + " the last byte was sent)", (lastMessage - beginWall) / 1e3,
                        (lastMessage - beginWall) / 1e3 - sendSeconds);
                }
            }
        }
        final var pid = options.get("pid");
        if (pid != null) {
            controllerMemory(pid, totalPrefixes);
        }

        final int churnSeconds = intOption("churn-seconds", 0);
        if (churnSeconds > 0) {
            churn(sockets, churnSeconds, Double.parseDouble(options.getOrDefault("churn-rate", "1000")));
            if (restconf != null) {
                final long matched = awaitCounts(restconf, totalPrefixes, System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(waitMillis));
                report(matched < 0 ? "after churn: counts did not settle" : "after churn: counts match again");
            }
            if (pid != null) {
                controllerMemory(pid, totalPrefixes);
            }
        }
        for (var socket : sockets) {
            socket.close();
        }
    }

    /** Encodes one router's stream: Initiation, then per peer a Peer Up and its table; returns the messages. */
    private long table(final int router, final ByteBuf out) throws IOException {
        long messages = 1;
        BmpEncoder.encode(new BmpMessage.InitiationMessage(List.of(
            BmpTlv.ofString(BmpTlv.SYS_NAME, "loadgen-" + router),
            BmpTlv.ofString(BmpTlv.SYS_DESCR, "bmpfleet load generator"))), out);
        for (int p = 0; p < peers; p++) {
            final var header = header(router, p);
            final var open = new BgpMessage.Open(4, 23456, 90, header.bgpId(),
                List.of(new Capability.Multiprotocol(1, 1), new Capability.FourOctetAs(header.asNumber())),
                List.of());
            BmpEncoder.encode(new BmpMessage.PeerUpNotification(header, InetAddress.getByName("192.0.2.1"), 179,
                40000 + p, open, open, List.of()), out);
            messages++;
            for (int i = 0; i < prefixes; i += perUpdate) {
                final var nlri = new ArrayList<Nlri>(perUpdate);
                for (int k = i; k < Math.min(prefixes, i + perUpdate); k++) {
                    nlri.add(prefix(k));
                }
                BmpEncoder.encode(new BmpMessage.RouteMonitoring(header, new BgpMessage.Update(List.of(),
                    attributes(header.asNumber()), nlri), List.of()), out);
                messages++;
            }
        }
        return messages;
    }

    private List<PathAttribute> attributes(final long peerAs) {
        final int hops = 3 + random.nextInt(6);
        final var path = new ArrayList<Long>(hops);
        path.add(peerAs);
        for (int h = 1; h < hops; h++) {
            path.add(1000L + random.nextInt(60000));
        }
        final var attributes = new ArrayList<PathAttribute>(List.of(new PathAttribute.Origin(0),
            new PathAttribute.AsPath(List.of(new PathAttribute.AsPathSegment(2, path))),
            new PathAttribute.NextHop(Bytes.fromHex("c0000201"))));
        if (random.nextInt(3) == 0) {
            attributes.add(new PathAttribute.MultiExitDisc(random.nextInt(1000)));
        }
        if (random.nextInt(3) == 0) {
            attributes.add(new PathAttribute.Communities(List.of(peerAs << 16 | random.nextInt(1000),
                0xFFFF0000L | random.nextInt(100))));
        }
        return attributes;
    }

    private static Nlri prefix(final int index) {
        // Distinct /24s from 1.0.0.0 up: room for 16 million of them.
        final int base = (1 << 24) + (index << 8);
        return Nlri.Prefix.parse(((base >>> 24) & 0xFF) + "." + ((base >>> 16) & 0xFF) + "." + ((base >>> 8) & 0xFF)
            + ".0/24");
    }

    private PerPeerHeader header(final int router, final int peer) throws IOException {
        final var address = InetAddress.getByName("10." + (router >> 8 & 0xFF) + "." + (router & 0xFF) + "." + (peer
            + 1));
        long bgpId = 0;
        for (byte b : address.getAddress()) {
            bgpId = bgpId << 8 | b & 0xFF;
        }
        return new PerPeerHeader(PerPeerHeader.GLOBAL_INSTANCE, 0, 0, address, 64512 + peer, bgpId,
            System.currentTimeMillis() / 1000, 0);
    }

    private static InetAddress source(final int router) throws IOException {
        // Each simulated router has its own loopback source address: the collector keys routers by address.
        return InetAddress.getByName("127.1." + (router >> 8 & 0xFF) + "." + (router & 0xFF) + "");
    }

    private static void send(final OutputStream out, final byte[] bytes, final double messagesPerSecond) {
        try {
            if (messagesPerSecond <= 0) {
                out.write(bytes);
            } else {
                // Paced by chunks of ~10 ms worth of messages, assuming an even message size.
                final long start = System.nanoTime();
                final int chunk = 64 * 1024;
                final double bytesPerSecond = messagesPerSecond * 60;
                for (int off = 0; off < bytes.length; off += chunk) {
                    out.write(bytes, off, Math.min(chunk, bytes.length - off));
                    final long due = start + (long) (off / bytesPerSecond * 1e9);
                    final long ahead = due - System.nanoTime();
                    if (ahead > 0) {
                        TimeUnit.NANOSECONDS.sleep(ahead);
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            LOG.error("send failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void churn(final List<Socket> sockets, final int seconds, final double updatesPerSecond)
            throws IOException, InterruptedException {
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long updates = 0;
        final long start = System.nanoTime();
        final var buf = Unpooled.buffer();
        while (System.nanoTime() < end) {
            final int r = random.nextInt(routers);
            final int p = random.nextInt(peers);
            final var header = header(r, p);
            final var withdrawn = List.of(prefix(random.nextInt(prefixes)));
            buf.clear();
            // Withdraw a route and announce it again with new attributes: the table size stays the same.
            BmpEncoder.encode(new BmpMessage.RouteMonitoring(header, new BgpMessage.Update(withdrawn, List.of(),
                List.of()), List.of()), buf);
            BmpEncoder.encode(new BmpMessage.RouteMonitoring(header, new BgpMessage.Update(List.of(),
                attributes(header.asNumber()), withdrawn), List.of()), buf);
            final var bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            sockets.get(r).getOutputStream().write(bytes);
            updates += 2;
            final long due = start + (long) (updates / updatesPerSecond * 1e9);
            final long ahead = due - System.nanoTime();
            if (ahead > 0) {
                TimeUnit.NANOSECONDS.sleep(ahead);
            }
        }
        buf.release();
        report("churn: %d UPDATEs in %d s (%.0f/s)", updates, seconds, updates / seconds(start));
    }

    /** Polls the controller until the pre-policy route counts of our routers add up; returns when, or -1. */
    private long awaitCounts(final String restconf, final long expected, final long deadline)
            throws InterruptedException {
        final var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final var auth = "Basic " + Base64.getEncoder().encodeToString(options.getOrDefault("auth", "admin:admin")
            .getBytes(StandardCharsets.UTF_8));
        long seen = -1;
        while (System.nanoTime() < deadline) {
            try {
                final var response = http.send(HttpRequest.newBuilder(URI.create(restconf
                    + STATE_QUERY)).header("Authorization", auth)
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    lastState = response.body();
                    seen = preRoutes(response.body());
                    if (seen == expected) {
                        return System.nanoTime();
                    }
                }
            } catch (IOException e) {
                LOG.debug("controller not answering", e);
            }
            Thread.sleep(50);
        }
        report("last count seen: %d of %d", seen, expected);
        return -1;
    }

    /** The latest last-message of our routers (127.1.x.y) in a state document, epoch ms; 0 if none. */
    private static long lastMessageMillis(final String json) {
        if (json == null) {
            return 0;
        }
        final var state = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject(
            "bmpfleet-state:bmpfleet-state");
        long latest = 0;
        if (state != null && state.has("router")) {
            for (var router : state.getAsJsonArray("router")) {
                final var routerObject = router.getAsJsonObject();
                if (routerObject.get("address").getAsString().startsWith("127.1.")
                        && routerObject.has("last-message")) {
                    latest = Math.max(latest, OffsetDateTime.parse(routerObject.get("last-message").getAsString())
                        .toInstant().toEpochMilli());
                }
            }
        }
        return latest;
    }

    private static long preRoutes(final String json) {
        long total = 0;
        final var state = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject(
            "bmpfleet-state:bmpfleet-state");
        if (state == null || !state.has("router")) {
            return 0;
        }
        for (var router : state.getAsJsonArray("router")) {
            final var routerObject = router.getAsJsonObject();
            if (!routerObject.get("address").getAsString().startsWith("127.1.") || !routerObject.has("peer")) {
                continue;
            }
            for (var peer : routerObject.getAsJsonArray("peer")) {
                final var counts = peer.getAsJsonObject().getAsJsonArray("route-count");
                if (counts == null) {
                    continue;
                }
                for (var count : counts) {
                    final var entry = count.getAsJsonObject();
                    if ("adj-rib-in-pre-policy".equals(entry.get("rib").getAsString())) {
                        total += entry.get("routes").getAsLong();
                    }
                }
            }
        }
        return total;
    }

    /** The controller's heap in use after a full GC, in KiB, or -1. */
    private static long heapAfterGcKb(final String pid) throws IOException, InterruptedException {
        exec("jcmd", pid, "GC.run");
        final String heap = exec("jcmd", pid, "GC.heap_info");
        final var used = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heap);
        return used.find() ? Long.parseLong(used.group(2)) : -1;
    }

    private void controllerMemory(final String pid, final long routes) throws IOException,
            InterruptedException {
        final long usedKb = heapAfterGcKb(pid);
        long rssKb = -1;
        for (var line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                rssKb = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        report("controller heap after GC: %.1f MB (%.0f bytes per route over the whole heap), RSS %.1f MB",
            usedKb / 1024.0, usedKb * 1024.0 / routes, rssKb / 1024.0);
        if (heapBeforeKb > 0) {
            report("controller heap grew by %.1f MB for the %d routes: %.1f bytes per route (before: %.1f MB)",
                (usedKb - heapBeforeKb) / 1024.0, routes, (usedKb - heapBeforeKb) * 1024.0 / routes,
                heapBeforeKb / 1024.0);
        }
    }

    private static String exec(final String... command) throws IOException, InterruptedException {
        final var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private int intOption(final String name, final int absent) {
        final var value = options.get(name);
        return value == null ? absent : Integer.parseInt(value);
    }

    private static double seconds(final long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void report(final String format, final Object... args) {
        LOG.info("loadgen: {}", String.format(format, args));
    }
}
