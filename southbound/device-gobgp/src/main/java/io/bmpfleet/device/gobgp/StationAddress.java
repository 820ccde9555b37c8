/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * Where gobgpd sends one BMP session: the key of a station in GoBGP's API ({@code address:port}), as ListBmp reports
 * it and DeleteBmp takes it.
 *
 * @param address the station's address, as given to AddBmp
 * @param port the station's port (never 0: GoBGP stores 0 as 11019)
 */
record StationAddress(String address, int port) implements Comparable<StationAddress> {
    /** The port GoBGP uses when AddBmp is given 0 (RFC 7854 names none; 11019 is the convention). */
    static final int DEFAULT_PORT = 11019;

    private static final Comparator<StationAddress> ORDER =
        Comparator.comparing(StationAddress::address).thenComparingInt(StationAddress::port);

    StationAddress {
        requireNonNull(address);
        port = port == 0 ? DEFAULT_PORT : port;
    }

    /**
     * The DeleteBmp call for this station, as text.
     *
     * @return {@code DeleteBmp address=A port=P}
     */
    String deleteLine() {
        return "DeleteBmp address=" + address + " port=" + port;
    }

    /**
     * The start of the station's gobgpd.toml block, as GoBGP's documentation lays it out: the table and its key.
     *
     * @return the {@code [[bmp-servers]]} header, its address and port, each line ending with a newline
     */
    String tomlBlockStart() {
        return "[[bmp-servers]]\n"
            + "  [bmp-servers.config]\n"
            + "    address = " + StationConfig.quote(address) + "\n"
            + "    port=" + port + "\n";
    }

    @Override
    public int compareTo(final StationAddress other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return address + ":" + port;
    }
}
