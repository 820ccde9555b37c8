package io.bmpfleet.bmp.collector;

import java.io.IOException;
import java.net.InetAddress;
import java.util.function.Predicate;

/** Helpers shared by the collector's tests. */
final class CollectorTests {
    private CollectorTests() {
        // static helpers
    }

    /**
     * Waits for a router session of the collector that matches.
     *
     * @param on the collector
     * @param condition what to wait for
     * @param millis how long at most
     * @return the matching session's snapshot
     * @throws InterruptedException if interrupted
     * @throws AssertionError if none matched in time
     */
    static RouterState.RouterSnapshot awaitOn(final BmpCollector on,
            final Predicate<RouterState.RouterSnapshot> condition, final long millis) throws InterruptedException {
        for (long i = 0; i < millis / 25; i++) {
            for (var router : on.routers()) {
                if (condition.test(router)) {
                    return router;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no router matched; routers: " + on.routers());
    }

    /**
     * About one MiB of one message repeated, for floods.
     *
     * @param message the encoded message
     * @return whole copies of it, back to back
     */
    static byte[] mebibyteOf(final byte[] message) {
        final int copies = (1 << 20) / message.length;
        final byte[] chunk = new byte[copies * message.length];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(message, 0, chunk, i * message.length, message.length);
        }
        return chunk;
    }

    static InetAddress address(final String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
