package io.bmpfleet.bmp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Frames a BMP byte stream by the common header (RFC 7854 section 4.1: version 1 octet, length 4 octets, type 1
 * octet). The length limit is a constructor argument: RFC 8654 extended BGP messages make BMP messages larger than
 * 64 KiB, so the default is 1 MiB.
 */
public final class BmpFraming {
    /** Length of the common header. */
    public static final int COMMON_HEADER_LENGTH = 6;
    /** Default largest accepted message. */
    public static final int DEFAULT_MAX_LENGTH = 1 << 20;

    private final int maxLength;

    /**
     * Creates a framing helper with the {@link #DEFAULT_MAX_LENGTH}.
     */
    public BmpFraming() {
        this(DEFAULT_MAX_LENGTH);
    }

    /**
     * Creates a framing helper.
     *
     * @param maxLength largest accepted message length, at least 6
     */
    public BmpFraming(final int maxLength) {
        if (maxLength < COMMON_HEADER_LENGTH) {
            throw new IllegalArgumentException("maxLength " + maxLength + " below the common header length");
        }
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }

    /**
     * Tells how long the message at the reader index is, once all of it is available.
     *
     * @param buf stream bytes; indices are not moved
     * @return the message length when the whole message is readable, 0 when more bytes are needed
     * @throws BmpDecodeException if the common header is invalid (version, length); the stream cannot be framed
     */
    public int frameLength(final ByteBuf buf) throws BmpDecodeException {
        final int index = buf.readerIndex();
        if (buf.readableBytes() < COMMON_HEADER_LENGTH) {
            return 0;
        }
        final int version = buf.getUnsignedByte(index);
        if (version != 3 && version != 4) {
            throw new BmpDecodeException(0, "unsupported BMP version " + version);
        }
        final long length = buf.getUnsignedInt(index + 1);
        if (length < COMMON_HEADER_LENGTH || length > maxLength) {
            throw new BmpDecodeException(1, "BMP message length " + length + " outside 6.." + maxLength);
        }
        return buf.readableBytes() >= length ? (int) length : 0;
    }

    /**
     * Tells whether a plausible common header starts at {@code index}: version 3 or 4, a known type and a length
     * within limits (used to resynchronise a stream that starts mid-message).
     *
     * @param buf buffer
     * @param index absolute index
     * @return true if plausible
     */
    public boolean plausibleHeader(final ByteBuf buf, final int index) {
        if (buf.writerIndex() - index < COMMON_HEADER_LENGTH) {
            return false;
        }
        final int version = buf.getUnsignedByte(index);
        final long length = buf.getUnsignedInt(index + 1);
        final int type = buf.getUnsignedByte(index + 5);
        if (version != 3 && version != 4 || type > BmpMessage.ROUTE_MIRRORING) {
            return false;
        }
        final long minimum = switch (type) {
            case BmpMessage.INITIATION, BmpMessage.TERMINATION -> COMMON_HEADER_LENGTH;
            case BmpMessage.ROUTE_MONITORING -> COMMON_HEADER_LENGTH + PerPeerHeader.LENGTH + 23;
            case BmpMessage.PEER_UP_NOTIFICATION -> COMMON_HEADER_LENGTH + PerPeerHeader.LENGTH + 20 + 2 * 29;
            default -> COMMON_HEADER_LENGTH + PerPeerHeader.LENGTH;
        };
        if (length < minimum || length > maxLength) {
            return false;
        }
        if (type != BmpMessage.INITIATION && type != BmpMessage.TERMINATION) {
            final int peerType = buf.getUnsignedByte(index + COMMON_HEADER_LENGTH);
            if (peerType > 3 && peerType < 251) {
                return false;
            }
        }
        return true;
    }
}
