package io.bmpfleet.bmp.collector;

import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.BmpTlv;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.Stat;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the collector knows of one router's BMP session: who it is (Initiation), its monitored peers (Peer Up and
 * Down, keyed by peer type, distinguisher, address and BGP ID), their latest statistics, and message and byte
 * counters per message type. One writer (the session's worker); readers take a {@link #snapshot()}.
 */
public final class RouterState {
    /** Index of the counters of message types the codec does not know. */
    public static final int UNKNOWN_TYPE = 7;

    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Instant connectedAt;
    private final long[] messages = new long[UNKNOWN_TYPE + 1];
    private final long[] bytes = new long[UNKNOWN_TYPE + 1];
    private final Map<PerPeerHeader.PeerKey, Peer> peers = new LinkedHashMap<>();
    // The peer of the last Route Monitoring; reset whenever a peer leaves the map.
    private PerPeerHeader lastMonitoringHeader;
    // Wall-clock ms when the last message was fully processed; written by the session thread only.
    private volatile long lastProcessed;
    private volatile SessionBuffer buffer;
    private Peer lastMonitoringPeer;
    private String sysName;
    private String sysDescr;
    private String termination;
    private long decodeErrors;
    private String lastError;
    private boolean up = true;

    RouterState(final InetSocketAddress remote, final InetSocketAddress local, final Instant connectedAt) {
        this.remote = remote;
        this.local = local;
        this.connectedAt = connectedAt;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /**
     * Whether the session is still up.
     *
     * @return true until it ended
     */
    public synchronized boolean isUp() {
        return up;
    }

    /**
     * Why the session ended, or null while it is up and no Termination arrived.
     *
     * @return the reason
     */
    public synchronized String termination() {
        return termination;
    }

    /**
     * Notes that a message has been fully processed (decoded, applied, handed on).
     *
     * @param epochMillis the wall-clock time
     */
    void processed(final long epochMillis) {
        lastProcessed = epochMillis;
    }

    void buffer(final SessionBuffer sessionBuffer) {
        buffer = sessionBuffer;
    }

    synchronized void count(final int type, final int length) {
        countLocked(type, length);
    }

    private void countLocked(final int type, final int length) {
        final int index = type >= 0 && type < UNKNOWN_TYPE ? type : UNKNOWN_TYPE;
        messages[index]++;
        bytes[index] += length;
    }

    synchronized void decodeError(final String error) {
        decodeErrors++;
        lastError = error;
    }

    synchronized void down(final String reason) {
        up = false;
        if (termination == null) {
            termination = reason;
        }
    }

    /**
     * The sysName the router's Initiation gave.
     *
     * @return the name, or null
     */
    public synchronized String sysName() {
        return sysName;
    }

    /**
     * The sysDescr the router's Initiation gave.
     *
     * @return the description, or null
     */
    public synchronized String sysDescr() {
        return sysDescr;
    }

    /**
     * Counts a decoded message and applies it to the state.
     *
     * @param message the message
     * @param type its BMP type as on the wire
     * @param length its length in bytes
     * @param received when it arrived
     */
    synchronized void apply(final BmpMessage message, final int type, final int length, final Instant received) {
        countLocked(type, length);
        if (message instanceof BmpMessage.InitiationMessage init) {
            sysName = text(init.tlvs(), BmpTlv.SYS_NAME, sysName);
            sysDescr = text(init.tlvs(), BmpTlv.SYS_DESCR, sysDescr);
        } else if (message instanceof BmpMessage.TerminationMessage term) {
            termination = terminationText(term.tlvs());
        } else if (message instanceof BmpMessage.PeerUpNotification peerUp) {
            forgetUnidentifiedTwin(peerUp.peer());
            final var peer = peer(peerUp.peer());
            peer.up = true;
            peer.stateKnown = true;
            peer.upSince = received;
            peer.downReason = null;
            peer.tableName = peerUp.tableName();
            peer.lastPeerUp = peerUp;
        } else if (message instanceof BmpMessage.PeerDownNotification peerDown) {
            final var peer = peerForDown(peerDown.peer());
            peer.up = false;
            peer.stateKnown = true;
            peer.downReason = peerDownText(peerDown);
        } else if (message instanceof BmpMessage.StatisticsReport stats) {
            final var peer = peer(stats.peer());
            for (Stat stat : stats.stats()) {
                peer.stats.put(StatKey.of(stat), valueOf(stat));
            }
            peer.lastStats = received;
        } else if (message instanceof BmpMessage.RouteMonitoring monitoring) {
            peer(monitoring.peer()).routeMonitoring++;
        }
        // Route Mirroring and unknown types are counted only.
    }

    /**
     * Counts a Route Monitoring decoded through the allocation-free visitor path.
     *
     * @param header the per-peer header
     * @param length the message's length in bytes
     */
    synchronized void routeMonitoring(final PerPeerHeader header, final int length) {
        countLocked(BmpMessage.ROUTE_MONITORING, length);
        // The visitor path hands the same header record until the peer changes: skip the map lookup then.
        if (header != lastMonitoringHeader) {
            lastMonitoringPeer = peer(header);
            lastMonitoringHeader = header;
        }
        lastMonitoringPeer.header = header;
        lastMonitoringPeer.routeMonitoring++;
    }

    /**
     * The per-peer header under which this state keeps the peer a header names, after the message was applied: a
     * Peer Down with BGP ID 0 resolves to the known peer at its address (see {@link #peerForDown}). Listeners use
     * it to act on the same peer as the state, e.g. to clear its routes.
     *
     * @param header a per-peer header of an applied message
     * @return the header of the peer the state holds
     */
    public synchronized PerPeerHeader knownHeader(final PerPeerHeader header) {
        return peerForDown(header).header;
    }

    /**
     * The peer a Peer Down is about. A router may not know the BGP ID of a peer whose session it tears down (FRR
     * sends 0.0.0.0): such a Peer Down goes to the known peer of the same type, distinguisher and address.
     */
    private Peer peerForDown(final PerPeerHeader header) {
        if (header.bgpId() == 0 && !peers.containsKey(header.key())) {
            for (var entry : peers.entrySet()) {
                final var key = entry.getKey();
                if (key.peerType() == header.peerType() && key.distinguisher() == header.distinguisher()
                        && key.address().equals(header.address())) {
                    return entry.getValue();
                }
            }
        }
        return peer(header);
    }

    /**
     * A Peer Up names the peer's BGP ID: an entry made earlier for the same peer under BGP ID 0 (a Peer Down of a
     * session that never came up) is the same peer, not a second one, and goes.
     */
    private void forgetUnidentifiedTwin(final PerPeerHeader header) {
        if (header.bgpId() != 0) {
            final var twin = new PerPeerHeader.PeerKey(header.peerType(), header.distinguisher(), header.address(), 0);
            if (peers.remove(twin) != null) {
                lastMonitoringHeader = null;
                lastMonitoringPeer = null;
            }
        }
    }

    private Peer peer(final PerPeerHeader header) {
        // A Route Monitoring or Statistics Report before its Peer Up is legal: the peer is known from then on,
        // down until a Peer Up says otherwise.
        final var peer = peers.computeIfAbsent(header.key(), k -> new Peer());
        peer.header = header;
        return peer;
    }

    /**
     * A consistent copy of the state, safe to keep and read from any thread.
     *
     * @return the snapshot
     */
    public synchronized RouterSnapshot snapshot() {
        final var peerSnapshots = peers.values().stream().map(p -> new PeerSnapshot(p.header, p.up, p.upSince,
            p.downReason, p.tableName, Map.copyOf(p.stats), p.lastStats, p.routeMonitoring, p.stateKnown,
            p.lastPeerUp))
            .toList();
        return new RouterSnapshot(remote, local, connectedAt, up, sysName, sysDescr, termination, messages.clone(),
            bytes.clone(), decodeErrors, lastError, peerSnapshots,
            lastProcessed == 0 ? null : Instant.ofEpochMilli(lastProcessed),
            buffer == null ? 0 : buffer.pending(), buffer == null ? 0 : buffer.pauses());
    }

    private static String text(final List<BmpTlv> tlvs, final int type, final String absent) {
        for (var tlv : tlvs) {
            if (tlv.type() == type) {
                return tlv.stringValue();
            }
        }
        return absent;
    }

    private static String terminationText(final List<BmpTlv> tlvs) {
        final var text = new StringBuilder();
        for (var tlv : tlvs) {
            if (tlv.type() == BmpTlv.TERMINATION_REASON && tlv.value().length() == 2) {
                final int reason = tlv.value().get(0) << 8 | tlv.value().get(1);
                text.append(switch (reason) {
                    case 0 -> "administratively closed";
                    case 1 -> "unspecified reason";
                    case 2 -> "out of resources";
                    case 3 -> "redundant connection";
                    case 4 -> "permanently administratively closed";
                    default -> "reason " + reason;
                });
            } else if (tlv.type() == BmpTlv.STRING) {
                text.append(text.isEmpty() ? "" : ": ").append(tlv.stringValue());
            }
        }
        return text.isEmpty() ? "terminated" : text.toString();
    }

    /**
     * A Peer Down Notification's reason in words (RFC 7854 section 4.9), with the NOTIFICATION's code if any.
     *
     * @param down the notification
     * @return the text
     */
    public static String peerDownText(final BmpMessage.PeerDownNotification down) {
        final String reason = switch (down.reason()) {
            case BmpMessage.PeerDownNotification.LOCAL_NOTIFICATION -> "local system closed, NOTIFICATION sent";
            case BmpMessage.PeerDownNotification.LOCAL_NO_NOTIFICATION -> "local system closed, FSM event "
                + down.fsmEventCode();
            case BmpMessage.PeerDownNotification.REMOTE_NOTIFICATION -> "remote system closed, NOTIFICATION received";
            case BmpMessage.PeerDownNotification.REMOTE_NO_DATA -> "remote system closed without data";
            case BmpMessage.PeerDownNotification.PEER_DECONFIGURED -> "peer de-configured";
            case BmpMessage.PeerDownNotification.LOCAL_TLV -> "local system closed (TLV data)";
            default -> "reason " + down.reason();
        };
        final var notification = down.notification();
        return notification == null ? reason
            : reason + " (code " + notification.code() + ", subcode " + notification.subcode() + ")";
    }

    /**
     * The value of a decoded statistic as a number: the counter or gauge, -1 for a raw value that is none.
     *
     * @param stat the statistic
     * @return the value
     */
    public static long valueOf(final Stat stat) {
        if (stat instanceof Stat.Counter counter) {
            return counter.value();
        } else if (stat instanceof Stat.Gauge gauge) {
            return gauge.value();
        } else if (stat instanceof Stat.AfiSafiGauge gauge) {
            return gauge.value();
        } else if (stat instanceof Stat.Raw raw && (raw.value().length() == 8 || raw.value().length() == 4)) {
            return unsigned(raw);
        }
        return -1;
    }

    private static long unsigned(final Stat.Raw raw) {
        long value = 0;
        for (int i = 0; i < raw.value().length(); i++) {
            value = value << 8 | raw.value().get(i);
        }
        return value;
    }

    /**
     * The key of a statistic: its type, and for per-AFI/SAFI types the AFI and SAFI (0 otherwise).
     *
     * @param type IANA statistics type
     * @param afi AFI or 0
     * @param safi SAFI or 0
     */
    public record StatKey(int type, int afi, int safi) {
        /**
         * The key of a decoded statistic.
         *
         * @param stat the statistic
         * @return its key
         */
        public static StatKey of(final Stat stat) {
            return stat instanceof Stat.AfiSafiGauge gauge ? new StatKey(gauge.type(), gauge.afi(), gauge.safi())
                : new StatKey(stat.type(), 0, 0);
        }
    }

    /**
     * One monitored peer, as last seen.
     *
     * @param header its last per-peer header
     * @param up whether it is up (a Peer Up was seen after any Peer Down)
     * @param upSince when its Peer Up arrived, or null
     * @param downReason the last Peer Down reason, or null
     * @param tableName the Peer Up's VRF/Table Name TLV, or null
     * @param stats latest value of each statistic (-1 where a raw value is not a number)
     * @param lastStats when the last Statistics Report arrived, or null
     * @param routeMonitoring Route Monitoring messages received
     * @param stateKnown whether a Peer Up or Peer Down has been seen (without, the peer only reports)
     * @param peerUp the latest Peer Up (session addresses and both OPENs), or null
     */
    public record PeerSnapshot(PerPeerHeader header, boolean up, Instant upSince, String downReason,
            String tableName, Map<StatKey, Long> stats, Instant lastStats, long routeMonitoring,
            boolean stateKnown, BmpMessage.PeerUpNotification peerUp) {
    }

    /**
     * One router session, as last seen.
     *
     * @param remote the router's address and port
     * @param local the collector's address and port
     * @param connectedAt when the session came up
     * @param up whether the session is still up
     * @param sysName Initiation sysName, or null
     * @param sysDescr Initiation sysDescr, or null
     * @param termination why the session ended, or null
     * @param messages messages per BMP type (index 7: unknown types)
     * @param bytes bytes per BMP type
     * @param decodeErrors messages that could not be decoded
     * @param lastError the last decode error, or null
     * @param peers monitored peers
     * @param lastMessage when the latest message was fully processed (its routes in the RIB), or null
     * @param bufferBytes bytes framed and not yet processed
     * @param readPauses times reading stopped because the session buffer limit was passed
     */
    public record RouterSnapshot(InetSocketAddress remote, InetSocketAddress local, Instant connectedAt, boolean up,
            String sysName, String sysDescr, String termination, long[] messages, long[] bytes, long decodeErrors,
            String lastError, List<PeerSnapshot> peers, Instant lastMessage, long bufferBytes, long readPauses) {
        /**
         * All messages received.
         *
         * @return the sum over types
         */
        public long totalMessages() {
            long total = 0;
            for (long count : messages) {
                total += count;
            }
            return total;
        }
    }

    private static final class Peer {
        private final Map<StatKey, Long> stats = new HashMap<>();
        private PerPeerHeader header;
        private boolean up;
        // A Peer Up or Peer Down has been seen: without either, the peer only reports (RFC 9069 Loc-RIB of GoBGP).
        private boolean stateKnown;
        private Instant upSince;
        private String downReason;
        private String tableName;
        private BmpMessage.PeerUpNotification lastPeerUp;
        private Instant lastStats;
        private long routeMonitoring;
    }
}
