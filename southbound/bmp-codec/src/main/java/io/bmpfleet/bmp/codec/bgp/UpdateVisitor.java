package io.bmpfleet.bmp.codec.bgp;

import io.bmpfleet.bmp.codec.BmpDecodeException;

/**
 * Receives the content of an UPDATE from {@link UpdateParser} without any object being allocated per route.
 * The views passed in are reused by the parser: read them during the call, do not keep them.
 *
 * <p>The order is fixed: every attribute (in wire order), {@link #endOfAttributes()}, then all withdrawn routes
 * (withdrawn routes field, then MP_UNREACH_NLRI), then all announced routes (MP_REACH_NLRI, then the NLRI field).
 * The whole UPDATE has been validated before the first call, so a visitor never sees half of a malformed message.
 */
public interface UpdateVisitor {
    /**
     * Called for each path attribute, MP_REACH_NLRI and MP_UNREACH_NLRI included.
     *
     * @param attribute view of the attribute, valid during the call
     * @throws BmpDecodeException if the visitor rejects the attribute
     */
    default void attribute(final AttributeView attribute) throws BmpDecodeException {
        // ignored by default
    }

    /**
     * Called after the last attribute.
     *
     * @throws BmpDecodeException if the visitor rejects the attributes
     */
    default void endOfAttributes() throws BmpDecodeException {
        // ignored by default
    }

    /**
     * Called for each withdrawn route.
     *
     * @param prefix view of the route, valid during the call
     * @throws BmpDecodeException if the visitor rejects the route
     */
    void withdrawn(PrefixView prefix) throws BmpDecodeException;

    /**
     * Called for each announced route.
     *
     * @param prefix view of the route, valid during the call
     * @throws BmpDecodeException if the visitor rejects the route
     */
    void announced(PrefixView prefix) throws BmpDecodeException;
}
