package io.bmpfleet.bmp.codec.bgp;

import io.bmpfleet.bmp.codec.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A reusable view of one path attribute inside the buffer. Its framing and, for the attribute types the codec
 * knows, its length have been checked.
 */
public final class AttributeView {
    private ByteBuf buf = Unpooled.EMPTY_BUFFER;
    private int origin;
    private int flags;
    private int type;
    private int valueIndex;
    private int valueLength;
    private int asSize;

    void set(final ByteBuf buffer, final int originIndex, final int attrFlags, final int attrType, final int index,
            final int length, final int asNumberSize) {
        this.buf = buffer;
        this.origin = originIndex;
        this.flags = attrFlags;
        this.type = attrType;
        this.valueIndex = index;
        this.valueLength = length;
        this.asSize = asNumberSize;
    }

    /**
     * Returns the size of AS numbers in AS_PATH and AGGREGATOR of this UPDATE: 4, or 2 for a legacy session (A flag)
     * or when the decoder found a 2-octet AS_PATH despite the flag.
     *
     * @return 2 or 4
     */
    public int asSize() {
        return asSize;
    }

    public int flags() {
        return flags;
    }

    public int type() {
        return type;
    }

    public ByteBuf buffer() {
        return buf;
    }

    /**
     * Returns the absolute index of the value in {@link #buffer()}.
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
     * Reads the unsigned 32-bit value at the start of the value (MED, LOCAL_PREF, ORIGINATOR_ID).
     *
     * @return value
     */
    public long u32() {
        return buf.getUnsignedInt(valueIndex);
    }

    /**
     * Returns a bounds-checked reader over the value (allocates).
     *
     * @return reader
     */
    public WireReader reader() {
        return new WireReader(buf, origin, valueIndex, valueIndex + valueLength);
    }
}
