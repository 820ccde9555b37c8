/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static java.util.Objects.requireNonNull;

import io.bmpfleet.device.gobgp.apipb.AddBmpRequest;
import io.bmpfleet.device.gobgp.apipb.AddBmpRequest.MonitoringPolicy;

/**
 * Everything one AddBmp call sets. GoBGP's ListBmp gives back only the address and port, so the driver keeps these
 * for the stations it pushed itself.
 *
 * @param station where the session goes
 * @param policy which RIBs route monitoring reports
 * @param statisticsTimeout seconds between Statistics Reports, 0 for none
 * @param sysName the Initiation message's sysName, empty for GoBGP's default
 * @param sysDescr the Initiation message's sysDescr, empty for GoBGP's default
 */
record StationConfig(StationAddress station, MonitoringPolicy policy, int statisticsTimeout, String sysName,
        String sysDescr) {

    StationConfig {
        requireNonNull(station);
        requireNonNull(policy);
        sysName = sysName == null ? "" : sysName;
        sysDescr = sysDescr == null ? "" : sysDescr;
    }

    /**
     * What gobgpd re-adds a station with when the driver does not know how it had been added: GoBGP's own defaults.
     *
     * @param station the station
     * @return pre-policy monitoring, no statistics, default Initiation
     */
    static StationConfig defaults(final StationAddress station) {
        return new StationConfig(station, MonitoringPolicy.PRE, 0, "", "");
    }

    /**
     * The AddBmp call, as text: the line format of {@link GobgpDriver#render}.
     *
     * @return {@code AddBmp address=A port=P policy=X statistics-timeout=N [sys-name="..."] [sys-descr="..."]}
     */
    String addLine() {
        final var line = new StringBuilder("AddBmp address=").append(station.address())
            .append(" port=").append(station.port())
            .append(" policy=").append(policy.name())
            .append(" statistics-timeout=").append(statisticsTimeout);
        if (!sysName.isEmpty()) {
            line.append(" sys-name=").append(quote(sysName));
        }
        if (!sysDescr.isEmpty()) {
            line.append(" sys-descr=").append(quote(sysDescr));
        }
        return line.toString();
    }

    AddBmpRequest toRequest() {
        return AddBmpRequest.newBuilder()
            .setAddress(station.address())
            .setPort(station.port())
            .setPolicy(policy)
            .setStatisticsTimeout(statisticsTimeout)
            .setSysName(sysName)
            .setSysDescr(sysDescr)
            .build();
    }

    private static String quote(final String text) {
        final var quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            switch (ch) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(ch);
            }
        }
        return quoted.append('"').toString();
    }
}
