package io.bmpfleet.bmp.codec;

import io.netty.buffer.ByteBuf;

/**
 * A bounds-checked cursor over a region of a {@link ByteBuf}. It reads with absolute indices and never moves the
 * buffer's own indices. Every read checks the remaining length first and fails with {@link BmpDecodeException}, so
 * no runtime exception from the buffer can escape a decoder.
 */
public final class WireReader {
    private final ByteBuf buf;
    private final int origin;
    private int end;
    private int pos;

    /**
     * Creates a reader over {@code buf[start, end)}, reporting offsets relative to {@code origin}.
     *
     * @param buf buffer
     * @param origin absolute index that error offsets are counted from
     * @param start absolute start index
     * @param end absolute end index (exclusive)
     */
    public WireReader(final ByteBuf buf, final int origin, final int start, final int end) {
        this.buf = buf;
        this.origin = origin;
        this.pos = start;
        this.end = end;
    }

    /**
     * Creates a reader over the readable bytes of {@code buf}.
     *
     * @param buf buffer
     * @return a reader
     */
    public static WireReader of(final ByteBuf buf) {
        return new WireReader(buf, buf.readerIndex(), buf.readerIndex(), buf.writerIndex());
    }

    public ByteBuf buffer() {
        return buf;
    }

    /**
     * Returns the absolute index of the next byte.
     *
     * @return absolute index
     */
    public int index() {
        return pos;
    }

    public int endIndex() {
        return end;
    }

    public int origin() {
        return origin;
    }

    /**
     * Returns the offset of the next byte relative to the origin.
     *
     * @return offset
     */
    public int offset() {
        return pos - origin;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /**
     * Fails unless {@code count} bytes remain.
     *
     * @param count bytes needed
     * @param what what is being read, for the error message
     * @throws BmpDecodeException if fewer bytes remain
     */
    public void need(final int count, final String what) throws BmpDecodeException {
        if (count < 0 || count > end - pos) {
            throw new BmpDecodeException(pos - origin, what + ": need " + count + " bytes, " + (end - pos)
                + " left");
        }
    }

    /**
     * Creates an exception at the current position.
     *
     * @param reason what is wrong
     * @return the exception, for the caller to throw
     */
    public BmpDecodeException error(final String reason) {
        return new BmpDecodeException(pos - origin, reason);
    }

    /**
     * Creates an exception at an absolute index.
     *
     * @param index absolute index
     * @param reason what is wrong
     * @return the exception, for the caller to throw
     */
    public BmpDecodeException errorAt(final int index, final String reason) {
        return new BmpDecodeException(index - origin, reason);
    }

    public int u8(final String what) throws BmpDecodeException {
        need(1, what);
        return buf.getUnsignedByte(pos++);
    }

    public int u16(final String what) throws BmpDecodeException {
        need(2, what);
        final int value = buf.getUnsignedShort(pos);
        pos += 2;
        return value;
    }

    public long u32(final String what) throws BmpDecodeException {
        need(4, what);
        final long value = buf.getUnsignedInt(pos);
        pos += 4;
        return value;
    }

    public long u64(final String what) throws BmpDecodeException {
        need(8, what);
        final long value = buf.getLong(pos);
        pos += 8;
        return value;
    }

    /**
     * Copies {@code count} bytes.
     *
     * @param count number of bytes
     * @param what what is being read
     * @return the bytes
     * @throws BmpDecodeException if fewer bytes remain
     */
    public Bytes bytes(final int count, final String what) throws BmpDecodeException {
        need(count, what);
        final Bytes value = Bytes.copyOf(buf, pos, count);
        pos += count;
        return value;
    }

    /**
     * Copies all remaining bytes.
     *
     * @return the bytes
     */
    public Bytes rest() {
        final Bytes value = Bytes.copyOf(buf, pos, end - pos);
        pos = end;
        return value;
    }

    /**
     * Skips {@code count} bytes.
     *
     * @param count number of bytes
     * @param what what is being skipped
     * @throws BmpDecodeException if fewer bytes remain
     */
    public void skip(final int count, final String what) throws BmpDecodeException {
        need(count, what);
        pos += count;
    }

    /**
     * Splits off the next {@code count} bytes as a reader of their own and skips them here.
     *
     * @param count number of bytes
     * @param what what is being read
     * @return a reader over the next {@code count} bytes, with the same origin
     * @throws BmpDecodeException if fewer bytes remain
     */
    public WireReader slice(final int count, final String what) throws BmpDecodeException {
        need(count, what);
        final WireReader sub = new WireReader(buf, origin, pos, pos + count);
        pos += count;
        return sub;
    }

    /**
     * Shrinks the region to the next {@code count} bytes.
     *
     * @param count bytes to keep
     * @throws BmpDecodeException if fewer bytes remain
     */
    public void limit(final int count) throws BmpDecodeException {
        need(count, "message");
        end = pos + count;
    }

    /**
     * Fails if bytes remain.
     *
     * @param what the structure that should have ended
     * @throws BmpDecodeException if bytes remain
     */
    public void expectEnd(final String what) throws BmpDecodeException {
        if (pos != end) {
            throw new BmpDecodeException(pos - origin, what + ": " + (end - pos) + " trailing bytes");
        }
    }
}
