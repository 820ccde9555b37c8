package io.bmpfleet.bmp.codec.bgp;

import io.bmpfleet.bmp.codec.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * A reusable view of one route inside the buffer, filled by {@link UpdateParser}. The address is also given as
 * two longs, left-aligned and zero-padded ({@link #high()} holds the first 8 address bytes, so an IPv4 address
 * is {@code (int) (high() >>> 32)}), so that a RIB can key on it without touching the buffer.
 */
public final class PrefixView {
    static final int MAX_LABELS = 16;

    private final int[] labels = new int[MAX_LABELS];
    private ByteBuf buf = Unpooled.EMPTY_BUFFER;
    private boolean inMp;
    private int afi;
    private int safi;
    private long pathId;
    private int length;
    private long high;
    private long low;
    private boolean hasRd;
    private long rd;
    private int labelCount;
    private int routeType;
    private int valueIndex;
    private int valueLength;
    private boolean raw;

    void reset(final ByteBuf buffer, final int family, final int subFamily, final boolean mp) {
        this.buf = buffer;
        this.afi = family;
        this.safi = subFamily;
        this.inMp = mp;
        this.pathId = Nlri.NO_PATH_ID;
        this.length = 0;
        this.high = 0;
        this.low = 0;
        this.hasRd = false;
        this.rd = 0;
        this.labelCount = 0;
        this.routeType = -1;
        this.raw = false;
    }

    void setPathId(final long value) {
        pathId = value;
    }

    void setRd(final long value) {
        hasRd = true;
        rd = value;
    }

    void addLabel(final int label) {
        labels[labelCount++] = label;
    }

    void setAddress(final int bits, final int index, final int bytes, final long hi, final long lo) {
        length = bits;
        valueIndex = index;
        valueLength = bytes;
        high = hi;
        low = lo;
    }

    void setValue(final int type, final int index, final int len, final boolean isRaw) {
        routeType = type;
        valueIndex = index;
        valueLength = len;
        raw = isRaw;
    }

    public int afi() {
        return afi;
    }

    public int safi() {
        return safi;
    }

    /**
     * Tells whether the route came from MP_REACH_NLRI / MP_UNREACH_NLRI rather than the UPDATE's own fields.
     *
     * @return true if inside a multiprotocol attribute
     */
    public boolean inMpAttribute() {
        return inMp;
    }

    /**
     * Returns the Add-Path identifier or {@link Nlri#NO_PATH_ID}.
     *
     * @return path identifier or -1
     */
    public long pathId() {
        return pathId;
    }

    /**
     * Returns the prefix length in bits (IP routes).
     *
     * @return prefix length
     */
    public int length() {
        return length;
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    /**
     * Returns an IPv4 address as an int.
     *
     * @return address bits
     */
    public int ipv4() {
        return (int) (high >>> 32);
    }

    public boolean hasRd() {
        return hasRd;
    }

    public long rd() {
        return rd;
    }

    public int labelCount() {
        return labelCount;
    }

    /**
     * Returns a label stack entry as its 24-bit wire value.
     *
     * @param index entry index, less than {@link #labelCount()}
     * @return the entry
     */
    public int label(final int index) {
        return labels[index];
    }

    /**
     * Returns the EVPN route type, or -1 for IP routes.
     *
     * @return route type or -1
     */
    public int routeType() {
        return routeType;
    }

    /**
     * Tells whether this is the undecoded NLRI field of an unknown AFI/SAFI.
     *
     * @return true if raw
     */
    public boolean isRaw() {
        return raw;
    }

    public ByteBuf buffer() {
        return buf;
    }

    /**
     * Returns the absolute index of the address bytes (IP), the route value (EVPN) or the whole field (raw).
     *
     * @return absolute index
     */
    public int valueIndex() {
        return valueIndex;
    }

    public int valueLength() {
        return valueLength;
    }

    /**
     * Materialises the route as an immutable object.
     *
     * @return the route
     */
    public Nlri toNlri() {
        if (raw) {
            return new Nlri.RawNlri(afi, safi, Bytes.copyOf(buf, valueIndex, valueLength));
        }
        if (routeType >= 0) {
            return new Nlri.EvpnRoute(pathId, routeType, Bytes.copyOf(buf, valueIndex, valueLength));
        }
        final int width = AddressFamily.addressBits(afi) / 8;
        final byte[] addr = new byte[width];
        for (int i = 0; i < width; i++) {
            final long word = i < 8 ? high : low;
            addr[i] = (byte) (word >>> (56 - 8 * (i % 8)));
        }
        final List<Integer> stack = new ArrayList<>(labelCount);
        for (int i = 0; i < labelCount; i++) {
            stack.add(labels[i]);
        }
        return new Nlri.Prefix(afi, safi, pathId, hasRd ? new RouteDistinguisher(rd) : null, stack, length,
            Bytes.of(addr));
    }
}
