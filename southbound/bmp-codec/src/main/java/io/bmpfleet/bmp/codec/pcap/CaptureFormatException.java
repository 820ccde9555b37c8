package io.bmpfleet.bmp.codec.pcap;

/**
 * The capture file is not a pcap or pcapng file this reader understands, or is cut short in its headers.
 */
public final class CaptureFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what is wrong
     */
    public CaptureFormatException(final String message) {
        super(message);
    }
}
