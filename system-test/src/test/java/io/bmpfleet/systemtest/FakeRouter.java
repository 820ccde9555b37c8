/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

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
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

/**
 * A router's BMP session played by the test on loopback, built with bmpfleet's own encoder. Used where the message
 * content must be exact; the tests with real FRR and GoBGP routers come with their drivers.
 */
final class FakeRouter implements AutoCloseable {
    private final Socket socket;

    private FakeRouter(final Socket socket) {
        this.socket = socket;
    }

    static FakeRouter connect(final int port) throws IOException, InterruptedException {
        IOException last = null;
        for (int i = 0; i < 100; i++) {
            try {
                return new FakeRouter(new Socket(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                // the listener is being opened
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }

    void initiation(final String sysName, final String sysDescr) throws IOException {
        send(new BmpMessage.InitiationMessage(List.of(BmpTlv.ofString(BmpTlv.SYS_NAME, sysName),
            BmpTlv.ofString(BmpTlv.SYS_DESCR, sysDescr))));
    }

    void peerUp(final String peer, final long as) throws IOException {
        final var open = new BgpMessage.Open(4, (int) as, 90, bgpId(peer),
            List.of(new Capability.Multiprotocol(1, 1), new Capability.FourOctetAs(as)), List.of());
        send(new BmpMessage.PeerUpNotification(header(peer, as), InetAddress.getByName("192.0.2.1"), 179, 40000,
            open, open, List.of()));
    }

    void stats(final String peer, final long as, final int type, final long value) throws IOException {
        send(new BmpMessage.StatisticsReport(header(peer, as), List.of(new Stat.Counter(type, value))));
    }

    /**
     * Route Monitoring (pre-policy) of IPv4 prefixes from a peer, in one UPDATE: ORIGIN IGP, AS_PATH of the peer's AS
     * and the origin AS, NEXT_HOP the peer, MED, one community.
     */
    void routes(final String peer, final long as, final long originAs, final long med, final long community,
            final List<String> prefixes) throws IOException {
        final var nextHop = Bytes.of(InetAddress.getByName(peer).getAddress());
        send(new BmpMessage.RouteMonitoring(header(peer, as), new BgpMessage.Update(List.of(), List.of(
            new PathAttribute.Origin(0),
            new PathAttribute.AsPath(List.of(new PathAttribute.AsPathSegment(2, List.of(as, originAs)))),
            new PathAttribute.NextHop(nextHop), new PathAttribute.MultiExitDisc(med),
            new PathAttribute.Communities(List.of(community))),
            prefixes.stream().map(p -> (Nlri) Nlri.Prefix.parse(p)).toList()), List.of()));
    }

    /** A Peer Down: the remote system closed the BGP session without a notification. */
    void peerDown(final String peer, final long as) throws IOException {
        send(new BmpMessage.PeerDownNotification(header(peer, as), BmpMessage.PeerDownNotification.REMOTE_NO_DATA,
            null, 0, List.of(), Bytes.EMPTY));
    }

    private static PerPeerHeader header(final String peer, final long as) throws IOException {
        return new PerPeerHeader(PerPeerHeader.GLOBAL_INSTANCE, 0, 0, InetAddress.getByName(peer), as, bgpId(peer),
            System.currentTimeMillis() / 1000, 0);
    }

    private static long bgpId(final String ipv4) throws IOException {
        long id = 0;
        for (byte b : InetAddress.getByName(ipv4).getAddress()) {
            id = id << 8 | b & 0xFF;
        }
        return id;
    }

    private void send(final BmpMessage message) throws IOException {
        socket.getOutputStream().write(BmpEncoder.encode(message));
        socket.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
