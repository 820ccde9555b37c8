package io.bmpfleet.bmp.codec;

import io.bmpfleet.bmp.codec.bgp.AddPathFallback;
import io.bmpfleet.bmp.codec.bgp.BgpSessionContext;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The decoding state of one BMP session (one router connection): it remembers the Add-Path capabilities of each
 * peer from its Peer Up (keyed by peer type, distinguisher, address and BGP ID) and forgets them on Peer Down.
 * Route Monitoring of a peer without a Peer Up is decoded by the counted fallback of {@link AddPathFallback}.
 * Not thread-safe: one instance per session, as a BMP session is a single TCP stream.
 */
public final class BmpSession implements SessionContexts {
    private static final int CACHE_SIZE = 256;

    private final BmpDecoder decoder = new BmpDecoder();
    private final Map<PerPeerHeader.PeerKey, BgpSessionContext> contexts = new HashMap<>();
    private final AddPathFallback fallback;
    private final BgpSessionContext unknown;
    // A small direct-mapped cache from the raw per-peer header fields to the context, so that the hot path
    // (Route Monitoring of many interleaved peers) looks peers up without allocating.
    private final int[] cacheType = new int[CACHE_SIZE];
    private final long[] cacheDistinguisher = new long[CACHE_SIZE];
    private final long[] cacheAddressHigh = new long[CACHE_SIZE];
    private final long[] cacheAddressLow = new long[CACHE_SIZE];
    private final long[] cacheBgpId = new long[CACHE_SIZE];
    private final BgpSessionContext[] cacheContext = new BgpSessionContext[CACHE_SIZE];

    /**
     * Creates a session with its own fallback counters.
     */
    public BmpSession() {
        this(new AddPathFallback());
    }

    /**
     * Creates a session that counts Add-Path guesses into shared counters.
     *
     * @param fallback counters
     */
    public BmpSession(final AddPathFallback fallback) {
        this.fallback = fallback;
        this.unknown = BgpSessionContext.unknown(fallback);
    }

    public AddPathFallback fallback() {
        return fallback;
    }

    /**
     * Returns how many UPDATEs had a 2-octet AS_PATH despite a clear A flag (decoded as 2-octet).
     *
     * @return count
     */
    public long asPathSizeFallbacks() {
        return decoder.asPathSizeFallbacks();
    }

    /**
     * Decodes one framed message and updates the peer table from Peer Up and Peer Down.
     *
     * @param frame buffer with the message at its reader index
     * @return the message
     * @throws BmpDecodeException if malformed
     */
    public BmpMessage decode(final ByteBuf frame) throws BmpDecodeException {
        final BmpMessage msg = decoder.decode(frame, this);
        if (msg instanceof BmpMessage.PeerUpNotification up) {
            contexts.put(up.peer().key(), BgpSessionContext.fromOpens(up.peer().isLocRib(), up.sentOpen(),
                up.receivedOpen()));
            Arrays.fill(cacheContext, null);
        } else if (msg instanceof BmpMessage.PeerDownNotification down) {
            contexts.remove(down.peer().key());
            Arrays.fill(cacheContext, null);
        }
        return msg;
    }

    /**
     * Decodes a Route Monitoring message into a visitor without allocation (see
     * {@link BmpDecoder#visit(ByteBuf, SessionContexts, RouteMonitoringVisitor)}); other types are decoded with
     * {@link #decode(ByteBuf)} and returned.
     *
     * @param frame buffer with the message at its reader index
     * @param visitor receiver of Route Monitoring content
     * @return null for Route Monitoring, else the decoded message
     * @throws BmpDecodeException if malformed
     */
    public BmpMessage visit(final ByteBuf frame, final RouteMonitoringVisitor visitor) throws BmpDecodeException {
        if (decoder.visit(frame, this, visitor) == BmpMessage.ROUTE_MONITORING) {
            return null;
        }
        return decode(frame);
    }

    @Override
    public BgpSessionContext forPeer(final PeerHeaderView peer) {
        long hash = peer.distinguisher() * 31 + peer.addressHigh();
        hash = hash * 31 + peer.addressLow();
        hash = (hash * 31 + peer.bgpId()) * 31 + peer.peerType();
        final int slot = (int) (hash ^ hash >>> 29 ^ hash >>> 47) & CACHE_SIZE - 1;
        final BgpSessionContext cached = cacheContext[slot];
        if (cached != null && cacheType[slot] == peer.peerType() && cacheDistinguisher[slot] == peer.distinguisher()
                && cacheAddressHigh[slot] == peer.addressHigh() && cacheAddressLow[slot] == peer.addressLow()
                && cacheBgpId[slot] == peer.bgpId()) {
            return cached;
        }
        // Without any Peer Up there is nothing to find: no key (and no allocation) needed.
        final BgpSessionContext found = contexts.isEmpty() ? null : contexts.get(peer.toRecord().key());
        final BgpSessionContext result = found != null ? found : unknown;
        cacheType[slot] = peer.peerType();
        cacheDistinguisher[slot] = peer.distinguisher();
        cacheAddressHigh[slot] = peer.addressHigh();
        cacheAddressLow[slot] = peer.addressLow();
        cacheBgpId[slot] = peer.bgpId();
        cacheContext[slot] = result;
        return result;
    }
}
