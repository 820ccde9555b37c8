/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The BMP configuration one device must carry, in a platform-neutral form: what the intent compiler makes of the
 * stations, targets, activations and global knobs that apply to the device. Drivers render it into their
 * platform's own dialect; what a platform cannot carry is listed in the device's status by the compiler, and a
 * renderer skips it.
 *
 * @param device the device's name in the intent
 * @param bgpAs the device's BGP AS ({@code router bgp AS})
 * @param global router-wide knobs
 * @param stations the stations of the device's targets, in station order
 * @param targets the device's targets, in the order the device names them
 * @param activations neighbor activations ({@code neighbor X bmp-activate ...}), in selector order
 * @param initiation what the router should say of itself, where it can be set
 * @param vtySocket FRR only: vtysh's {@code --vty_socket} directory, or null
 */
public record DeviceIntent(String device, long bgpAs, Global global, List<Station> stations, List<Target> targets,
        List<Activation> activations, Initiation initiation, String vtySocket) {

    public DeviceIntent {
        stations = List.copyOf(stations);
        targets = List.copyOf(targets);
        activations = List.copyOf(activations);
        global = global == null ? Global.NONE : global;
        initiation = initiation == null ? Initiation.NONE : initiation;
    }

    /**
     * Looks a station of this device up by id.
     *
     * @param id the station id
     * @return the station, or null
     */
    public Station station(final int id) {
        for (var station : stations) {
            if (station.id() == id) {
                return station;
            }
        }
        return null;
    }

    /**
     * Router-wide BMP knobs; null leaves are unset.
     *
     * @param bufferSizeMb Cisco {@code bmp buffer-size} (MB)
     * @param initialRefreshDelay Cisco {@code bmp initial-refresh delay} (s)
     * @param initialRefreshSkip Cisco {@code bmp initial-refresh skip}
     * @param mirrorBufferLimit FRR {@code bmp mirror buffer-limit} (bytes)
     */
    public record Global(Long bufferSizeMb, Integer initialRefreshDelay, boolean initialRefreshSkip,
            Long mirrorBufferLimit) {
        public static final Global NONE = new Global(null, null, false, null);
    }

    /**
     * A BMP station; null leaves are unset.
     *
     * @param id the station number (Cisco {@code bmp server N})
     * @param description free text
     * @param passive true when the router listens ({@code bmp listener}) and the station dials in
     * @param address the station's address (active)
     * @param port the station's port (active) or the router's listening port (passive)
     * @param listenAddress the router's listening address (passive)
     * @param activate whether the router tries to reach the station
     * @param initialDelay Cisco {@code initial-delay} (s)
     * @param failureRetryDelay Cisco {@code failure-retry-delay} (s)
     * @param flappingDelay Cisco {@code flapping-delay} (s)
     * @param minRetryMs FRR {@code min-retry} (ms)
     * @param maxRetryMs FRR {@code max-retry} (ms)
     * @param dscp Cisco {@code set ip dscp}
     * @param statsReportingPeriod Cisco {@code stats-reporting-period} (s)
     * @param updateSource the source interface (Cisco {@code update-source}, FRR {@code source-interface})
     */
    public record Station(int id, String description, boolean passive, String address, int port,
            String listenAddress, boolean activate, Integer initialDelay, Integer failureRetryDelay,
            Integer flappingDelay, Long minRetryMs, Long maxRetryMs, Integer dscp, Integer statsReportingPeriod,
            String updateSource) {
    }

    /**
     * A monitoring target (FRR {@code bmp targets NAME}).
     *
     * @param name its name
     * @param stations the ids of the stations it reports to
     * @param monitoring the RIBs to report per address family, in family order
     * @param statsIntervalMs statistics interval (ms), or null
     * @param mirroring route mirroring
     * @param ipv4AccessList FRR {@code ip access-list}, or null
     * @param ipv6AccessList FRR {@code ipv6 access-list}, or null
     */
    public record Target(String name, List<Integer> stations, Map<Family, Set<Rib>> monitoring, Long statsIntervalMs,
            boolean mirroring, String ipv4AccessList, String ipv6AccessList) {
        public Target {
            stations = List.copyOf(stations);
        }
    }

    /**
     * A neighbor activation (Cisco {@code neighbor X bmp-activate all | server N ...}).
     *
     * @param selector neighbor address or peer group / tag name
     * @param all {@code bmp-activate all}
     * @param stations the selected station ids when not all
     * @param softReconfigurationInbound FRR {@code neighbor X soft-reconfiguration inbound}
     */
    public record Activation(String selector, boolean all, List<Integer> stations, boolean softReconfigurationInbound) {
        public Activation {
            stations = List.copyOf(stations);
        }
    }

    /**
     * The Initiation message's sysName and sysDescr, where the platform lets them be set; null leaves are unset.
     *
     * @param sysName TLV 2
     * @param sysDescr TLV 1
     */
    public record Initiation(String sysName, String sysDescr) {
        public static final Initiation NONE = new Initiation(null, null);
    }

    /** An AFI/SAFI pair, with FRR's words for it. */
    public enum Family {
        IPV4_UNICAST("ipv4", "unicast"),
        IPV6_UNICAST("ipv6", "unicast"),
        IPV4_MULTICAST("ipv4", "multicast"),
        IPV6_MULTICAST("ipv6", "multicast"),
        IPV4_LABELED_UNICAST("ipv4", "labeled-unicast"),
        IPV6_LABELED_UNICAST("ipv6", "labeled-unicast"),
        IPV4_VPN("ipv4", "vpn"),
        IPV6_VPN("ipv6", "vpn"),
        L2VPN_EVPN("l2vpn", "evpn");

        private final String afi;
        private final String safi;

        Family(final String afi, final String safi) {
            this.afi = afi;
            this.safi = safi;
        }

        public String afi() {
            return afi;
        }

        public String safi() {
            return safi;
        }
    }

    /** A RIB that route monitoring can report (RFC 7854, 8671, 9069). */
    public enum Rib {
        ADJ_RIB_IN_PRE_POLICY,
        ADJ_RIB_IN_POST_POLICY,
        LOC_RIB,
        ADJ_RIB_OUT_PRE_POLICY,
        ADJ_RIB_OUT_POST_POLICY
    }
}
