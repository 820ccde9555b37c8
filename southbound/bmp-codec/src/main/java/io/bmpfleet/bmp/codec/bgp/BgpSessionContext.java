package io.bmpfleet.bmp.codec.bgp;

import java.util.ArrayList;
import java.util.List;

/**
 * What the decoder must know about a monitored BGP session that the UPDATE bytes do not say: for which AFI/SAFI
 * the NLRI carry Add-Path identifiers (RFC 7911), per direction. Build it from the OPEN messages of a Peer Up
 * with {@link #fromOpens}; when no Peer Up was seen use {@link #unknown}, which makes the decoder guess per NLRI
 * field and count every guess. Immutable and thread-safe.
 */
public final class BgpSessionContext {
    private static final int[] NONE = new int[0];
    private static final BgpSessionContext NO_ADD_PATH = new BgpSessionContext(NONE, NONE, null);

    /** Result of {@link #addPath}: no identifiers. */
    public static final int NO = 0;
    /** Result of {@link #addPath}: identifiers present. */
    public static final int YES = 1;
    /** Result of {@link #addPath}: not known, guess and count. */
    public static final int UNKNOWN = -1;

    private final int[] inbound;
    private final int[] outbound;
    private final AddPathFallback fallback;

    private BgpSessionContext(final int[] inbound, final int[] outbound, final AddPathFallback fallback) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.fallback = fallback;
    }

    /**
     * Returns a context for a session without Add-Path anywhere.
     *
     * @return context
     */
    public static BgpSessionContext noAddPath() {
        return NO_ADD_PATH;
    }

    /**
     * Returns a context for a session whose capabilities are not known: the decoder guesses and counts into
     * {@code fallback}.
     *
     * @param fallback counters for the guesses
     * @return context
     */
    public static BgpSessionContext unknown(final AddPathFallback fallback) {
        return new BgpSessionContext(NONE, NONE, fallback);
    }

    /**
     * Returns a context with Add-Path in both directions for the given AFI/SAFI pairs.
     *
     * @param afiSafiPairs afi, safi, afi, safi, ...
     * @return context
     */
    public static BgpSessionContext withAddPath(final int... afiSafiPairs) {
        final int[] keys = new int[afiSafiPairs.length / 2];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(afiSafiPairs[2 * i], afiSafiPairs[2 * i + 1]);
        }
        return new BgpSessionContext(keys, keys, null);
    }

    /**
     * Derives the context from the OPEN messages of a Peer Up (RFC 7911 section 4). Routes received from the peer
     * (Adj-RIB-In) carry path identifiers for an AFI/SAFI when the monitored router said it can receive and the
     * peer said it can send; routes sent to the peer (Adj-RIB-Out, RFC 8671) the other way round. For Loc-RIB
     * (RFC 9069) both OPENs are made up by the router; the capability in either one, any direction, counts.
     *
     * @param locRib whether the Peer Up is for a Loc-RIB instance (peer type 3)
     * @param sent the OPEN the monitored router sent
     * @param received the OPEN the monitored router received
     * @return context
     */
    public static BgpSessionContext fromOpens(final boolean locRib, final BgpMessage.Open sent,
            final BgpMessage.Open received) {
        final List<Capability.AddPathFamily> local = sent.addPathFamilies();
        final List<Capability.AddPathFamily> remote = received.addPathFamilies();
        if (local.isEmpty() && remote.isEmpty()) {
            return NO_ADD_PATH;
        }
        final List<Integer> in = new ArrayList<>();
        final List<Integer> out = new ArrayList<>();
        if (locRib) {
            for (Capability.AddPathFamily fam : local) {
                if (fam.sendReceive() != 0) {
                    in.add(key(fam.afi(), fam.safi()));
                }
            }
            for (Capability.AddPathFamily fam : remote) {
                if (fam.sendReceive() != 0) {
                    in.add(key(fam.afi(), fam.safi()));
                }
            }
            final int[] keys = toArray(in);
            return new BgpSessionContext(keys, keys, null);
        }
        for (Capability.AddPathFamily mine : local) {
            for (Capability.AddPathFamily theirs : remote) {
                if (mine.afi() == theirs.afi() && mine.safi() == theirs.safi()) {
                    if (mine.canReceive() && theirs.canSend()) {
                        in.add(key(mine.afi(), mine.safi()));
                    }
                    if (mine.canSend() && theirs.canReceive()) {
                        out.add(key(mine.afi(), mine.safi()));
                    }
                }
            }
        }
        return new BgpSessionContext(toArray(in), toArray(out), null);
    }

    /**
     * Tells whether NLRI of an AFI/SAFI carry path identifiers.
     *
     * @param afi address family
     * @param safi subsequent address family
     * @param adjRibOut whether the routes were sent to the peer (O flag) rather than received from it
     * @return {@link #YES}, {@link #NO} or {@link #UNKNOWN}
     */
    public int addPath(final int afi, final int safi, final boolean adjRibOut) {
        if (fallback != null) {
            return UNKNOWN;
        }
        final int key = key(afi, safi);
        for (int candidate : adjRibOut ? outbound : inbound) {
            if (candidate == key) {
                return YES;
            }
        }
        return NO;
    }

    /**
     * Returns the fallback counters when this context guesses, else null.
     *
     * @return counters or null
     */
    public AddPathFallback fallback() {
        return fallback;
    }

    public boolean isKnown() {
        return fallback == null;
    }

    private static int key(final int afi, final int safi) {
        return afi << 8 | safi;
    }

    private static int[] toArray(final List<Integer> list) {
        return list.stream().distinct().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        if (fallback != null) {
            return "BgpSessionContext{unknown}";
        }
        return "BgpSessionContext{addPathIn=" + families(inbound) + ", addPathOut=" + families(outbound) + "}";
    }

    private static List<String> families(final int[] keys) {
        final List<String> out = new ArrayList<>();
        for (int key : keys) {
            out.add(AddressFamily.name(key >>> 8, key & 0xFF));
        }
        return out;
    }
}
