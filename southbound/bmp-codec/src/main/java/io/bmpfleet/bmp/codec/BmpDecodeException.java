package io.bmpfleet.bmp.codec;

/**
 * The only exception the decoders throw: the input is not valid wire format. It carries the byte offset, counted
 * from the start of the BMP message (or of the buffer the caller handed in), where decoding stopped.
 */
public final class BmpDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String reason;

    /**
     * Creates an exception.
     *
     * @param offset byte offset where the problem was found
     * @param reason what is wrong, in the protocol's words
     */
    public BmpDecodeException(final long offset, final String reason) {
        super(reason + " at offset " + offset);
        this.offset = offset;
        this.reason = reason;
    }

    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
