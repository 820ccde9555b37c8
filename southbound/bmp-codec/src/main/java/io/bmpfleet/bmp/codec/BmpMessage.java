package io.bmpfleet.bmp.codec;

import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import java.net.InetAddress;
import java.util.List;

/**
 * A BMP message (RFC 7854 section 4), one record per message type.
 */
public sealed interface BmpMessage {
    int ROUTE_MONITORING = 0;
    int STATISTICS_REPORT = 1;
    int PEER_DOWN_NOTIFICATION = 2;
    int PEER_UP_NOTIFICATION = 3;
    int INITIATION = 4;
    int TERMINATION = 5;
    int ROUTE_MIRRORING = 6;

    /**
     * Returns the BMP message type.
     *
     * @return type code
     */
    int type();

    /**
     * Returns the per-peer header, or null for Initiation, Termination and unknown types.
     *
     * @return per-peer header or null
     */
    PerPeerHeader peer();

    /**
     * Returns a short name of the message type, such as {@code route-monitoring}.
     *
     * @param type type code
     * @return name
     */
    static String typeName(final int type) {
        return switch (type) {
            case ROUTE_MONITORING -> "route-monitoring";
            case STATISTICS_REPORT -> "statistics-report";
            case PEER_DOWN_NOTIFICATION -> "peer-down";
            case PEER_UP_NOTIFICATION -> "peer-up";
            case INITIATION -> "initiation";
            case TERMINATION -> "termination";
            case ROUTE_MIRRORING -> "route-mirroring";
            default -> "unknown-" + type;
        };
    }

    /**
     * Route Monitoring (RFC 7854 section 4.6). In BMP version 4 the UPDATE travels in a BGP PDU TLV and other
     * indexed TLVs may come with it; {@code tlvs} holds those others. In version 3 {@code tlvs} holds TLVs some
     * routers append after the UPDATE (without index), usually none.
     *
     * @param peer per-peer header
     * @param update the UPDATE
     * @param tlvs TLVs other than the BGP PDU
     */
    record RouteMonitoring(PerPeerHeader peer, BgpMessage.Update update, List<BmpTlv> tlvs) implements BmpMessage {
        public RouteMonitoring {
            tlvs = List.copyOf(tlvs);
        }

        /**
         * Creates a version 3 Route Monitoring message.
         *
         * @param peer per-peer header
         * @param update the UPDATE
         */
        public RouteMonitoring(final PerPeerHeader peer, final BgpMessage.Update update) {
            this(peer, update, List.of());
        }

        @Override
        public int type() {
            return ROUTE_MONITORING;
        }
    }

    /**
     * Statistics Report (RFC 7854 section 4.8).
     *
     * @param peer per-peer header
     * @param stats stats in wire order
     * @param tlvs BMP version 4 TLVs after the stats (draft-ietf-grow-bmp-tlv), empty for version 3
     */
    record StatisticsReport(PerPeerHeader peer, List<Stat> stats, List<BmpTlv> tlvs) implements BmpMessage {
        public StatisticsReport {
            stats = List.copyOf(stats);
            tlvs = List.copyOf(tlvs);
        }

        /**
         * Creates a version 3 Statistics Report.
         *
         * @param peer per-peer header
         * @param stats stats
         */
        public StatisticsReport(final PerPeerHeader peer, final List<Stat> stats) {
            this(peer, stats, List.of());
        }

        @Override
        public int type() {
            return STATISTICS_REPORT;
        }
    }

    /**
     * Peer Down Notification (RFC 7854 section 4.9, RFC 9069 reason 6).
     *
     * @param peer per-peer header
     * @param reason 1-6, others kept
     * @param notification the NOTIFICATION of reasons 1 and 3, else null
     * @param fsmEventCode the FSM event code of reason 2, else 0
     * @param tlvs the TLVs of reason 6; for other reasons the BMP version 4 TLVs after the data; else empty
     * @param data the data of other reasons, kept raw, else empty
     */
    record PeerDownNotification(PerPeerHeader peer, int reason, BgpMessage.Notification notification,
            int fsmEventCode, List<BmpTlv> tlvs, Bytes data) implements BmpMessage {
        public static final int LOCAL_NOTIFICATION = 1;
        public static final int LOCAL_NO_NOTIFICATION = 2;
        public static final int REMOTE_NOTIFICATION = 3;
        public static final int REMOTE_NO_DATA = 4;
        public static final int PEER_DECONFIGURED = 5;
        public static final int LOCAL_TLV = 6;

        public PeerDownNotification {
            tlvs = List.copyOf(tlvs);
        }

        @Override
        public int type() {
            return PEER_DOWN_NOTIFICATION;
        }
    }

    /**
     * Peer Up Notification (RFC 7854 section 4.10, RFC 9736 TLVs).
     *
     * @param peer per-peer header
     * @param localAddress local address of the session
     * @param localPort local TCP port
     * @param remotePort remote TCP port
     * @param sentOpen OPEN sent by the monitored router
     * @param receivedOpen OPEN received by the monitored router
     * @param tlvs information TLVs (VRF/Table Name, Admin Label, string)
     */
    record PeerUpNotification(PerPeerHeader peer, InetAddress localAddress, int localPort, int remotePort,
            BgpMessage.Open sentOpen, BgpMessage.Open receivedOpen, List<BmpTlv> tlvs) implements BmpMessage {
        public PeerUpNotification {
            tlvs = List.copyOf(tlvs);
        }

        @Override
        public int type() {
            return PEER_UP_NOTIFICATION;
        }

        /**
         * Returns the VRF/Table Name TLV value (RFC 9069), or null.
         *
         * @return table name or null
         */
        public String tableName() {
            for (BmpTlv tlv : tlvs) {
                if (tlv.type() == BmpTlv.VRF_TABLE_NAME) {
                    return tlv.stringValue();
                }
            }
            return null;
        }
    }

    /**
     * Initiation (RFC 7854 section 4.3).
     *
     * @param tlvs information TLVs
     */
    record InitiationMessage(List<BmpTlv> tlvs) implements BmpMessage {
        public InitiationMessage {
            tlvs = List.copyOf(tlvs);
        }

        @Override
        public int type() {
            return INITIATION;
        }

        @Override
        public PerPeerHeader peer() {
            return null;
        }
    }

    /**
     * Termination (RFC 7854 section 4.5).
     *
     * @param tlvs information TLVs
     */
    record TerminationMessage(List<BmpTlv> tlvs) implements BmpMessage {
        public TerminationMessage {
            tlvs = List.copyOf(tlvs);
        }

        @Override
        public int type() {
            return TERMINATION;
        }

        @Override
        public PerPeerHeader peer() {
            return null;
        }
    }

    /**
     * Route Mirroring (RFC 7854 section 4.7). BGP Message TLVs are kept raw: a mirrored PDU may be the errored one.
     *
     * @param peer per-peer header
     * @param tlvs mirroring TLVs
     */
    record RouteMirroring(PerPeerHeader peer, List<BmpTlv> tlvs) implements BmpMessage {
        public RouteMirroring {
            tlvs = List.copyOf(tlvs);
        }

        @Override
        public int type() {
            return ROUTE_MIRRORING;
        }
    }

    /**
     * A message of a type this codec does not know, kept raw so that the session goes on.
     *
     * @param type message type
     * @param body the bytes after the common header
     */
    record UnknownMessage(int type, Bytes body) implements BmpMessage {
        @Override
        public PerPeerHeader peer() {
            return null;
        }
    }
}
