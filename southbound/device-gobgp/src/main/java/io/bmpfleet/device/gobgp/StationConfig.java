/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static java.util.Objects.requireNonNull;

import io.bmpfleet.device.gobgp.apipb.AddBmpRequest;
import io.bmpfleet.device.gobgp.apipb.AddBmpRequest.MonitoringPolicy;
import java.util.Locale;

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
    /** The smallest statistics-timeout gobgpd accepts from its configuration file (AddBmp has no lower bound). */
    static final int MIN_FILE_STATISTICS_TIMEOUT = 15;

    private static final char DEL = 0x7f;

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
     * The AddBmp call, as text: the line format of {@link GobgpDriver#render}'s API part and of
     * {@link io.bmpfleet.device.SyncResult#changes()}.
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

    /**
     * The same station as gobgpd.toml configures it at start-up, in the layout of GoBGP's BMP documentation: what
     * GoBGP defaults (pre-policy, no statistics, sysName "GoBGP", sysDescr its version) is left out, as gobgpd
     * fills the file's omissions in with the same defaults as AddBmp's. {@code route-mirroring-enabled} is never
     * written: AddBmp has no such field, and gobgpd 3.10 itself drops it between its file and AddBmp.
     *
     * @return a {@code [[bmp-servers]]} block, each line ending with a newline
     */
    String tomlBlock() {
        final var block = new StringBuilder(station.tomlBlockStart());
        final String policyName = tomlPolicy(policy);
        if (policyName != null) {
            block.append("    route-monitoring-policy = ").append(quote(policyName)).append('\n');
        }
        if (statisticsTimeout != 0) {
            block.append("    statistics-timeout = ").append(statisticsTimeout).append('\n');
            if (statisticsTimeout < MIN_FILE_STATISTICS_TIMEOUT) {
                block.append("    # gobgpd refuses to start with a statistics-timeout below ")
                    .append(MIN_FILE_STATISTICS_TIMEOUT).append(" in its file; AddBmp takes it\n");
            }
        }
        if (!sysName.isEmpty()) {
            block.append("    sys-name = ").append(quote(sysName)).append('\n');
        }
        if (!sysDescr.isEmpty()) {
            block.append("    sys-descr = ").append(quote(sysDescr)).append('\n');
        }
        return block.toString();
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

    /**
     * gobgpd.toml's name of a monitoring policy.
     *
     * @param policy the API's policy
     * @return its {@code route-monitoring-policy} value, or null for pre-policy, the default
     */
    static String tomlPolicy(final MonitoringPolicy policy) {
        return switch (policy) {
            case PRE -> null;
            case POST -> "post-policy";
            case BOTH -> "both";
            case LOCAL -> "local-rib";
            case ALL -> "all";
            case UNRECOGNIZED -> throw new IllegalArgumentException("no monitoring policy: " + policy);
        };
    }

    /**
     * A string as a TOML basic string, which the AddBmp lines use as well: quotes and backslashes escaped, control
     * characters escaped, so that the text stays on one line and a TOML parser reads the same string back.
     *
     * @param text the string
     * @return it in double quotes
     */
    static String quote(final String text) {
        final var quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            switch (ch) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (ch < ' ' || ch == DEL) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04X", (int) ch));
                    } else {
                        quoted.append(ch);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
