package io.bmpfleet.bmp.collector;

import io.bmpfleet.bmp.codec.BmpMessage;
import io.netty.buffer.ByteBuf;

/**
 * Receives what happens on the collector's router sessions, on the session's worker thread, which other
 * sessions share: implementations must be quick (hand work off with a bounded queue if it is not).
 */
public interface SessionListener {
    /**
     * A router's BMP session is up (TCP connected and accepted).
     *
     * @param router the session's state
     */
    default void sessionUp(final RouterState router) {
        // nothing by default
    }

    /**
     * Where the routes of a new session's Route Monitoring go. With a sink, Route Monitoring messages take the
     * codec's allocation-free path and {@link #message} is not called for them; without one, they are decoded into
     * objects and passed to {@link #message} like any other.
     *
     * @param router the session's state
     * @return the session's sink, or null
     */
    default RouteSink routeSink(final RouterState router) {
        return null;
    }

    /**
     * Whether {@link #received} wants the session's messages now (asked once per message, so it can change at
     * any time).
     *
     * @return true to be given each message as received
     */
    default boolean wantsReceived() {
        return false;
    }

    /**
     * A message as the router sent it, common header included, before it is decoded (so also when it then fails
     * to decode); called only while {@link #wantsReceived()} says so. The buffer is the collector's: read it
     * without moving its indexes, and copy what is kept.
     *
     * @param router the session's state
     * @param message the message's bytes, from its reader index
     */
    default void received(final RouterState router, final ByteBuf message) {
        // nothing by default
    }

    /**
     * A message was decoded and applied to the router's state.
     *
     * @param router the session's state
     * @param message the message
     */
    default void message(final RouterState router, final BmpMessage message) {
        // nothing by default
    }

    /**
     * A router's BMP session ended.
     *
     * @param router the session's state, final
     * @param reason why, in words
     */
    default void sessionDown(final RouterState router, final String reason) {
        // nothing by default
    }
}
