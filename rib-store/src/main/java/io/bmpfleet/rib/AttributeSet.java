/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The path attributes of a route, as the canonical bytes the caller gave: an UPDATE's path attributes (RFC 4271
 * section 4.3: flags, type, length, value, repeated) without the parts that carry NLRI, plus whatever else the
 * caller folds in to tell sets apart. The store never looks inside; equal bytes are one shared, immutable
 * instance for as long as a route points to it (see {@link AttributeInterner}).
 *
 * <p>Equality is identity: two live sets with equal bytes are the same object.
 */
public final class AttributeSet {
    /** Attribute flag: the length field is two bytes (RFC 4271 section 4.3). */
    private static final int FLAG_EXTENDED_LENGTH = 0x10;

    private final byte[] bytes;
    /** Content hash, kept so that interning and rehashing never rehash the bytes. */
    final int hash;
    /** Routes (and callers inside {@link RibStore#apply}) that point here; guarded by the interner's stripe. */
    int references;

    AttributeSet(final byte[] bytes, final int hash) {
        this.bytes = bytes;
        this.hash = hash;
    }

    /**
     * The number of attribute bytes.
     *
     * @return the length
     */
    public int length() {
        return bytes.length;
    }

    /**
     * A hash of the bytes, computed once when the set was interned: for readers that keep their own tables of sets
     * (a dump's set ids) without hashing the bytes again or asking for an identity hash.
     *
     * @return the hash
     */
    public int contentHash() {
        return hash;
    }

    /**
     * A copy of the attribute bytes.
     *
     * @return a new array
     */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * The attribute bytes without copying.
     *
     * @return a read-only buffer over the bytes
     */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * The value of one attribute, found by walking the type-length-value list: a cheap view for readers that want,
     * say, the AS_PATH bytes. Decoding the value is the codec's business.
     *
     * @param type the attribute type code
     * @return a read-only buffer over the value, or null when the set has no such attribute or is not a
     *         well-formed attribute list
     */
    public ByteBuffer attributeValue(final int type) {
        int pos = 0;
        while (pos + 3 <= bytes.length) {
            final int flags = bytes[pos] & 0xFF;
            final int code = bytes[pos + 1] & 0xFF;
            final int len;
            final int header;
            if ((flags & FLAG_EXTENDED_LENGTH) != 0) {
                if (pos + 4 > bytes.length) {
                    return null;
                }
                len = (bytes[pos + 2] & 0xFF) << 8 | bytes[pos + 3] & 0xFF;
                header = 4;
            } else {
                len = bytes[pos + 2] & 0xFF;
                header = 3;
            }
            if (pos + header + len > bytes.length) {
                return null;
            }
            if (code == type) {
                return ByteBuffer.wrap(bytes, pos + header, len).slice().asReadOnlyBuffer();
            }
            pos += header + len;
        }
        return null;
    }

    boolean contentEquals(final byte[] other, final int offset, final int length) {
        return Arrays.equals(bytes, 0, bytes.length, other, offset, offset + length);
    }

    @Override
    public String toString() {
        final var sb = new StringBuilder("AttributeSet[");
        for (int i = 0; i < Math.min(bytes.length, 16); i++) {
            sb.append(String.format("%02x", bytes[i]));
        }
        return sb.append(bytes.length > 16 ? "...(" + bytes.length + " bytes)]" : "]").toString();
    }
}
