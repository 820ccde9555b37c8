package io.bmpfleet.bmp.codec.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.BmpSession;
import io.bmpfleet.bmp.codec.Stat;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.pcap.CaptureFormatException;
import io.bmpfleet.bmp.codec.pcap.CaptureReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compares the decode of a capture with tshark's BMP and BGP dissectors, field by field as multisets:
 * message types, peer addresses and AS numbers, IPv4 unicast prefixes (announced and withdrawn), IPv6 unicast,
 * multicast and labeled unicast prefixes of MP_REACH/MP_UNREACH (tshark files them under one field), and every
 * statistic as (type, value bytes) of the reports without types tshark does not know. The calling test is skipped
 * when tshark is not installed (Debian package {@code tshark}). Used by {@link TsharkOracleTest} for the shared
 * captures and by the system test for the captures it records from real FRR and GoBGP.
 */
public final class TsharkOracle {
    private static final String[] FIELDS = {
        "bmp.type", "bmp.peer.ip.addr", "bmp.peer.ipv6.addr", "bmp.peer.asn", "bgp.nlri_prefix",
        "bgp.withdrawn_prefix", "bgp.mp_reach_nlri_ipv6_prefix", "bgp.mp_unreach_nlri_ipv6_prefix",
        "bmp.stats.count", "bmp.stats.type", "bmp.stats.data",
    };

    /** The fields compared, in the order they are reported. */
    public static final List<String> COMPARED = List.of("bmp.type", "peer.addr", "bmp.peer.asn", "bgp.nlri_prefix",
        "bgp.withdrawn_prefix", "bgp.mp_reach_nlri_ipv6_prefix", "bgp.mp_unreach_nlri_ipv6_prefix", "stats");

    private TsharkOracle() {
        // static helpers
    }

    /**
     * Asserts that the capture decodes as tshark dissects it.
     *
     * @param capture pcap or pcapng file
     * @param bmpPort TCP port of the BMP sessions in it
     * @return what was compared: field to the sorted values both agree on
     * @throws Exception if tshark or the capture cannot be read
     */
    public static Map<String, List<String>> assertAgrees(final Path capture, final int bmpPort) throws Exception {
        final Map<String, List<String>> theirs = tshark(capture, bmpPort);
        final Map<String, List<String>> ours = ours(capture);
        for (String field : COMPARED) {
            final List<String> expected = theirs.getOrDefault(field, new ArrayList<>());
            final List<String> actual = ours.getOrDefault(field, new ArrayList<>());
            Collections.sort(expected);
            Collections.sort(actual);
            final List<String> missing = new ArrayList<>(expected);
            actual.forEach(missing::remove);
            final List<String> extra = new ArrayList<>(actual);
            expected.forEach(extra::remove);
            assertThat(missing).as(capture.getFileName() + " " + field + ": only tshark has").isEmpty();
            assertThat(extra).as(capture.getFileName() + " " + field + ": only we have").isEmpty();
        }
        return ours;
    }

    private static Map<String, List<String>> tshark(final Path capture, final int bmpPort)
            throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-d",
            "tcp.port==" + bmpPort + ",bmp", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String field : FIELDS) {
            cmd.add("-e");
            cmd.add(field);
        }
        final Process process;
        try {
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            assumeTrue(false, "tshark not installed: " + e.getMessage());
            throw e;
        }
        final String text;
        try (InputStream in = process.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        final Map<String, List<String>> out = new HashMap<>();
        for (String line : text.split("\n")) {
            final String[] cols = line.split("\t", -1);
            if (cols.length == FIELDS.length && !cols[FIELDS.length - 2].isEmpty()) {
                // pair each stat type with its data, in order
                final String[] types = cols[FIELDS.length - 2].split(",");
                final String[] data = cols[FIELDS.length - 1].split(",");
                assertThat(data).hasSameSizeAs(types);
                // tshark shows the bytes of a type it has no name for (FRR's 65531) but stops after it: compare the
                // reports it showed whole
                final int declared = Stream.of(cols[FIELDS.length - 3].split(",")).mapToInt(Integer::parseInt).sum();
                final boolean whole = declared == types.length;
                for (int i = 0; i < types.length && whole; i++) {
                    out.computeIfAbsent("stats", k -> new ArrayList<>()).add(types[i] + ":" + data[i]);
                }
            }
            for (int i = 0; i < cols.length && i < FIELDS.length - 3; i++) {
                if (cols[i].isEmpty()) {
                    continue;
                }
                final String key = FIELDS[i].startsWith("bmp.peer.ip") ? "peer.addr" : FIELDS[i];
                for (String value : cols[i].split(",")) {
                    out.computeIfAbsent(key, k -> new ArrayList<>()).add(normalise(value));
                }
            }
        }
        return out;
    }

    private static String normalise(final String value) {
        if ("::".equals(value)) {
            // a Loc-RIB peer (RFC 9069) has a zero address and its 0x80 flag is F, not V: tshark shows "::"
            return "0.0.0.0";
        }
        if (value.indexOf(':') >= 0) {
            try {
                return MessageJson.host(InetAddress.getByName(value));
            } catch (IOException e) {
                return value;
            }
        }
        return value;
    }

    private static Map<String, List<String>> ours(final Path capture) throws IOException, CaptureFormatException {
        final Map<String, List<String>> out = new HashMap<>();
        final Map<String, BmpSession> sessions = new HashMap<>();
        new CaptureReader().read(capture, (stream, router, frame, ts) -> {
            final BmpMessage msg;
            try {
                msg = sessions.computeIfAbsent(stream, k -> new BmpSession()).decode(frame);
            } catch (BmpDecodeException e) {
                return;
            }
            add(out, "bmp.type", Integer.toString(msg.type()));
            if (msg.peer() != null) {
                add(out, "peer.addr", MessageJson.host(msg.peer().address()));
                add(out, "bmp.peer.asn", Long.toString(msg.peer().asNumber()));
            }
            if (msg instanceof BmpMessage.StatisticsReport stats) {
                final var list = stats.stats();
                // the reports tshark shows whole: no type it has no name for (above 17) before the last one
                if (list.subList(0, Math.max(0, list.size() - 1)).stream().allMatch(stat -> stat.type() <= 17)) {
                    list.forEach(stat -> add(out, "stats", stat.type() + ":" + statData(stat)));
                }
            }
            if (msg instanceof BmpMessage.RouteMonitoring rm) {
                rm.update().nlri().forEach(n -> add(out, "bgp.nlri_prefix", address(n)));
                rm.update().withdrawn().forEach(n -> add(out, "bgp.withdrawn_prefix", address(n)));
                rm.update().announced().stream().filter(TsharkOracle::ipv6Unicastish)
                    .forEach(n -> add(out, "bgp.mp_reach_nlri_ipv6_prefix", address(n)));
                rm.update().withdrawnAll().stream().filter(TsharkOracle::ipv6Unicastish)
                    .forEach(n -> add(out, "bgp.mp_unreach_nlri_ipv6_prefix", address(n)));
            }
        });
        return out;
    }

    private static String statData(final Stat stat) {
        if (stat instanceof Stat.Counter counter) {
            return String.format("%08x", counter.value());
        } else if (stat instanceof Stat.Gauge gauge) {
            return String.format("%016x", gauge.value());
        } else if (stat instanceof Stat.AfiSafiGauge gauge) {
            return String.format("%04x%02x%016x", gauge.afi(), gauge.safi(), gauge.value());
        }
        return ((Stat.Raw) stat).value().toHex();
    }

    private static boolean ipv6Unicastish(final Nlri nlri) {
        return nlri.afi() == 2 && nlri.safi() != 128 && nlri instanceof Nlri.Prefix;
    }

    private static String address(final Nlri nlri) {
        final String text = ((Nlri.Prefix) nlri).prefixText();
        try {
            return MessageJson.host(InetAddress.getByName(text.substring(0, text.indexOf('/'))));
        } catch (IOException e) {
            return text;
        }
    }

    private static void add(final Map<String, List<String>> out, final String key, final String value) {
        out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
}
