package io.bmpfleet.bmp.collector;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of one router session that are framed but not yet processed: the event loop frames messages and hands
 * them to the session's worker, which decodes them and applies them to the RIB. Above the limit the event loop
 * stops reading the socket, so TCP pushes back on the router; once the worker has worked the backlog down to half
 * the limit, reading resumes. A flood from one router therefore holds at most about the limit (plus one read) in
 * the heap.
 */
final class SessionBuffer {
    private final long limit;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicBoolean resumeScheduled = new AtomicBoolean();
    private volatile boolean paused;

    SessionBuffer(final long limit) {
        this.limit = limit;
    }

    /** A read's framed messages go to the worker; called on the event loop. */
    void queued(final Channel channel, final int bytes) {
        if (pending.addAndGet(bytes) > limit && !paused) {
            paused = true;
            pauses.incrementAndGet();
            channel.config().setAutoRead(false);
            // The worker may have worked the backlog off before it could see the pause.
            resumeIfDrained(channel);
        }
    }

    /** The worker is done with a message (or dropped it); called on the worker. */
    void processed(final Channel channel, final int bytes) {
        if (pending.addAndGet(-bytes) <= limit / 2 && paused && resumeScheduled.compareAndSet(false, true)) {
            // Pausing and resuming both happen on the event loop, so they never race.
            channel.eventLoop().execute(() -> {
                resumeScheduled.set(false);
                resumeIfDrained(channel);
            });
        }
    }

    private void resumeIfDrained(final Channel channel) {
        if (paused && pending.get() <= limit / 2) {
            paused = false;
            channel.config().setAutoRead(true);
        }
    }

    /** Bytes framed and not yet processed. */
    long pending() {
        return pending.get();
    }

    /** How many times reading was stopped because the backlog passed the limit. */
    long pauses() {
        return pauses.get();
    }
}
