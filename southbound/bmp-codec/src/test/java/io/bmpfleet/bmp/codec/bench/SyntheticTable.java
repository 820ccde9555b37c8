package io.bmpfleet.bmp.codec.bench;

import io.bmpfleet.bmp.codec.BmpEncoder;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic full table as Route Monitoring messages: IPv4 prefixes in the NLRI field and IPv6 prefixes in
 * MP_REACH_NLRI, AS paths of 3 to 8 hops, communities on every other route.
 */
public final class SyntheticTable {
    private final ByteBuf buffer;
    private final int[] starts;
    private final int[] lengths;
    private final int prefixes;

    private SyntheticTable(final ByteBuf buffer, final List<int[]> index, final int prefixes) {
        this.buffer = buffer;
        this.starts = index.stream().mapToInt(i -> i[0]).toArray();
        this.lengths = index.stream().mapToInt(i -> i[1]).toArray();
        this.prefixes = prefixes;
    }

    /**
     * Builds a table.
     *
     * @param ipv4 number of IPv4 prefixes
     * @param ipv6 number of IPv6 prefixes
     * @param perUpdate prefixes per UPDATE
     * @return the table
     */
    public static SyntheticTable build(final int ipv4, final int ipv6, final int perUpdate) {
        final Random random = new Random(42);
        final ByteBuf buf = Unpooled.directBuffer();
        final List<int[]> index = new ArrayList<>();
        final PerPeerHeader peer;
        try {
            peer = new PerPeerHeader(0, 0, 0, InetAddress.getByName("192.0.2.1"), 65001, 0x0a000001L,
                1_700_000_000L, 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        int done = 0;
        while (done < ipv4 + ipv6) {
            final boolean v6 = done >= ipv4;
            final int count = Math.min(perUpdate, (v6 ? ipv4 + ipv6 : ipv4) - done);
            final List<Nlri> nlri = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                nlri.add(v6 ? ipv6Prefix(random) : ipv4Prefix(random));
            }
            final List<Long> path = new ArrayList<>();
            final int hops = 3 + random.nextInt(6);
            for (int i = 0; i < hops; i++) {
                path.add(64_512L + random.nextInt(100_000));
            }
            final List<PathAttribute> attrs = new ArrayList<>();
            attrs.add(new PathAttribute.Origin(0));
            attrs.add(new PathAttribute.AsPath(List.of(new PathAttribute.AsPathSegment(2, path))));
            if (v6) {
                attrs.add(new PathAttribute.MpReach(2, 1, Bytes.fromHex("20010db8000000000000000000000001"), nlri));
            } else {
                attrs.add(new PathAttribute.NextHop(Bytes.fromHex("c0000201")));
            }
            attrs.add(new PathAttribute.MultiExitDisc(random.nextInt(1000)));
            if (random.nextBoolean()) {
                attrs.add(new PathAttribute.Communities(List.of(0xfde90000L + random.nextInt(500),
                    0xfde90000L + random.nextInt(500))));
            }
            final BgpMessage.Update update = new BgpMessage.Update(List.of(), attrs, v6 ? List.of() : nlri);
            final int start = buf.writerIndex();
            BmpEncoder.encode(new BmpMessage.RouteMonitoring(peer, update), buf);
            index.add(new int[] {start, buf.writerIndex() - start});
            done += count;
        }
        return new SyntheticTable(buf, index, ipv4 + ipv6);
    }

    private static Nlri ipv4Prefix(final Random random) {
        final int len = 16 + random.nextInt(9);
        final int addr = random.nextInt() & (int) (0xFFFFFFFFL << (32 - len));
        return new Nlri.Prefix(1, 1, Nlri.NO_PATH_ID, null, List.of(), len,
            Bytes.of((byte) (addr >>> 24), (byte) (addr >>> 16), (byte) (addr >>> 8), (byte) addr));
    }

    private static Nlri ipv6Prefix(final Random random) {
        final byte[] addr = new byte[16];
        addr[0] = 0x20;
        addr[1] = 0x01;
        for (int i = 2; i < 6; i++) {
            addr[i] = (byte) random.nextInt(256);
        }
        return new Nlri.Prefix(2, 1, Nlri.NO_PATH_ID, null, List.of(), 32 + 8 * random.nextInt(3), Bytes.of(addr));
    }

    public int messages() {
        return starts.length;
    }

    public int prefixes() {
        return prefixes;
    }

    public long bytes() {
        return buffer.writerIndex();
    }

    /**
     * Points the shared buffer at message {@code index} (no allocation) and returns it.
     *
     * @param index message index
     * @return the buffer, reader index at the message
     */
    public ByteBuf frame(final int index) {
        buffer.setIndex(starts[index], starts[index] + lengths[index]);
        return buffer;
    }
}
