/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static java.util.Objects.requireNonNull;

/**
 * The key of one route inside a table: its prefix, its Add-Path path ID (RFC 7911) and its route distinguisher
 * (RFC 4364 VPN families).
 *
 * @param prefix the prefix
 * @param pathId the path identifier, an unsigned 32-bit value held in an int; 0 when Add-Path is not in use
 * @param rd the 8-byte route distinguisher as a big-endian long; 0 for families without one
 */
public record RouteKey(Prefix prefix, int pathId, long rd) {
    public RouteKey {
        requireNonNull(prefix);
    }

    /**
     * A key without path ID and route distinguisher.
     *
     * @param prefix the prefix
     * @return the key
     */
    public static RouteKey of(final Prefix prefix) {
        return new RouteKey(prefix, 0, 0);
    }

    @Override
    public String toString() {
        final var sb = new StringBuilder();
        if (rd != 0) {
            sb.append("rd ").append(Long.toUnsignedString(rd)).append(' ');
        }
        sb.append(prefix);
        if (pathId != 0) {
            sb.append(" path ").append(Integer.toUnsignedString(pathId));
        }
        return sb.toString();
    }
}
