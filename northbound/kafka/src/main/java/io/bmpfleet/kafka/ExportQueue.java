/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The bounded buffer between the renderer and the producer, bounded by bytes: live messages are offered and dropped
 * when it is full (a router session never waits for Kafka), a snapshot's messages are put and wait for room. One
 * message larger than the whole buffer still passes when the buffer is empty.
 */
final class ExportQueue {
    /** What a queued message costs beyond its key and value. */
    private static final int OVERHEAD = 64;

    private final long capacity;
    private final ArrayDeque<ExportRenderer.Output> items = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    ExportQueue(final long capacity) {
        this.capacity = capacity;
    }

    private static long size(final ExportRenderer.Output out) {
        return out.key().length + out.value().length + OVERHEAD;
    }

    private boolean fits(final long size) {
        return items.isEmpty() || bytes + size <= capacity;
    }

    /** Queues a message if there is room; false (nothing queued) when the buffer is full or closed. */
    synchronized boolean offer(final ExportRenderer.Output out) {
        final long size = size(out);
        if (closed || !fits(size)) {
            return false;
        }
        add(out, size);
        return true;
    }

    /** Queues a message, waiting at most {@code timeoutNanos} for room; false when none came or it closed. */
    synchronized boolean put(final ExportRenderer.Output out, final long timeoutNanos) throws InterruptedException {
        final long size = size(out);
        final long deadline = System.nanoTime() + timeoutNanos;
        while (!closed && !fits(size)) {
            final long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) {
            return false;
        }
        add(out, size);
        return true;
    }

    private void add(final ExportRenderer.Output out, final long size) {
        items.addLast(out);
        bytes += size;
        notifyAll();
    }

    /** The oldest message, waiting at most {@code timeoutMillis}; null when none came. */
    synchronized ExportRenderer.Output poll(final long timeoutMillis) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (items.isEmpty()) {
            final long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        final var out = items.removeFirst();
        bytes -= size(out);
        notifyAll();
        return out;
    }

    /** Bytes queued now. */
    synchronized long bytes() {
        return bytes;
    }

    /** Refuses what comes from now on and wakes whoever waits for room; what is queued can still be taken. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
