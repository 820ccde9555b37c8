package io.bmpfleet.bmp.codec.pcap;

import io.bmpfleet.bmp.codec.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * A TCP segment taken out of a captured packet.
 *
 * @param source source address bytes (4 or 16)
 * @param sourcePort source port
 * @param destination destination address bytes
 * @param destinationPort destination port
 * @param sequence sequence number (32 bits, as an int)
 * @param flags TCP flags octet
 * @param payload payload bytes (a view, only valid while the packet is handled)
 * @param timestampMicros capture time
 */
public record TcpSegment(byte[] source, int sourcePort, byte[] destination, int destinationPort, int sequence,
        int flags, ByteBuffer payload, long timestampMicros) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;

    public TcpSegment {
        source = source.clone();
        destination = destination.clone();
    }

    @Override
    public byte[] source() {
        return source.clone();
    }

    @Override
    public byte[] destination() {
        return destination.clone();
    }

    /**
     * Returns the flow this segment belongs to (one direction of a connection).
     *
     * @return flow key
     */
    public FlowKey flow() {
        return new FlowKey(address(source), sourcePort, address(destination), destinationPort);
    }

    private static InetAddress address(final byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of length " + raw.length, e);
        }
    }

    /**
     * One direction of a TCP connection.
     *
     * @param source source address
     * @param sourcePort source port
     * @param destination destination address
     * @param destinationPort destination port
     */
    public record FlowKey(InetAddress source, int sourcePort, InetAddress destination, int destinationPort) {
        @Override
        public String toString() {
            return hostPort(source, sourcePort) + "->" + hostPort(destination, destinationPort);
        }

        private static String hostPort(final InetAddress addr, final int port) {
            final String host = AddressText.format(addr);
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
