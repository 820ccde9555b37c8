/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The export's books: per topic what was sent (acknowledged by the broker) and what was dropped, and the drops not
 * yet told by a gap marker. Written by the renderer, the sender and the producer's callbacks; read by the state.
 * The one owner of what "sent" and "dropped" mean: a message counts as sent when the broker acknowledged it, as
 * dropped when the buffer had no room for it, the producer refused it, or the broker did not take it in time.
 */
final class ExportCounters {
    private static final int TOPICS = ExportTopic.values().length;

    private final AtomicLongArray messages = new AtomicLongArray(TOPICS);
    private final AtomicLongArray bytes = new AtomicLongArray(TOPICS);
    private final AtomicLongArray records = new AtomicLongArray(TOPICS);
    private final AtomicLongArray dropped = new AtomicLongArray(TOPICS);
    private final AtomicReferenceArray<String> topicErrors = new AtomicReferenceArray<>(TOPICS);
    // Drops since the last gap marker, and when the first and last of them happened.
    private final AtomicLongArray unmarked = new AtomicLongArray(TOPICS);
    private final AtomicReferenceArray<Instant> firstUnmarked = new AtomicReferenceArray<>(TOPICS);
    private final AtomicReferenceArray<Instant> lastUnmarked = new AtomicReferenceArray<>(TOPICS);
    private final AtomicLong lastDropNanos = new AtomicLong(System.nanoTime() - 1_000_000_000_000L);
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicLong snapshotRoutes = new AtomicLong();
    private final AtomicLong eventsMissed = new AtomicLong();
    private volatile String lastError;
    private volatile Instant lastErrorTime;

    /** A gap not yet marked on one topic. */
    record Unmarked(ExportTopic topic, long dropped, Instant first, Instant last) {
    }

    /** One topic's figures. */
    record TopicFigures(ExportTopic topic, long messages, long bytes, long records, long dropped, String lastError) {
    }

    void sent(final ExportTopic topic, final int valueBytes, final int recordCount) {
        messages.incrementAndGet(topic.ordinal());
        bytes.addAndGet(topic.ordinal(), valueBytes);
        records.addAndGet(topic.ordinal(), recordCount);
    }

    void dropped(final ExportTopic topic, final String why) {
        final int at = topic.ordinal();
        dropped.incrementAndGet(at);
        final var now = Instant.now();
        if (unmarked.getAndIncrement(at) == 0) {
            firstUnmarked.set(at, now);
        }
        lastUnmarked.set(at, now);
        lastDropNanos.set(System.nanoTime());
        if (why != null && !why.equals(topicErrors.get(at))) {
            topicErrors.set(at, why);
            error(why);
        }
    }

    void error(final String why) {
        lastError = why;
        lastErrorTime = Instant.now();
    }

    void missed(final long events) {
        eventsMissed.addAndGet(events);
    }

    void snapshot(final long routes) {
        snapshots.incrementAndGet();
        snapshotRoutes.addAndGet(routes);
    }

    /** Whether drops wait for a gap marker. */
    boolean gapPending() {
        for (int i = 0; i < TOPICS; i++) {
            if (unmarked.get(i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Nanoseconds (System.nanoTime) since the last drop. */
    long sinceLastDrop() {
        return System.nanoTime() - lastDropNanos.get();
    }

    /** Takes the unmarked drops, for the markers about to be sent, and counts one gap. */
    List<Unmarked> takeUnmarked() {
        final var out = new ArrayList<Unmarked>();
        for (var topic : ExportTopic.values()) {
            final int at = topic.ordinal();
            final Instant first = firstUnmarked.get(at);
            final Instant last = lastUnmarked.get(at);
            final long count = unmarked.getAndSet(at, 0);
            if (count > 0) {
                out.add(new Unmarked(topic, count, first, last));
            }
        }
        if (!out.isEmpty()) {
            gaps.incrementAndGet();
        }
        return out;
    }

    List<TopicFigures> topics() {
        final var out = new ArrayList<TopicFigures>(TOPICS);
        for (var topic : ExportTopic.values()) {
            final int at = topic.ordinal();
            out.add(new TopicFigures(topic, messages.get(at), bytes.get(at), records.get(at), dropped.get(at),
                topicErrors.get(at)));
        }
        return out;
    }

    long gaps() {
        return gaps.get();
    }

    long snapshots() {
        return snapshots.get();
    }

    long snapshotRoutes() {
        return snapshotRoutes.get();
    }

    long eventsMissed() {
        return eventsMissed.get();
    }

    String lastError() {
        return lastError;
    }

    Instant lastErrorTime() {
        return lastErrorTime;
    }
}
