/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.events;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;

/**
 * Hands monitoring events to subscribers, each with its own bounded buffer. A subscriber that falls behind loses its
 * oldest events (counted in {@link Subscription#dropped()}), never slows the sessions that publish, and never grows
 * the heap.
 *
 * <p>Route-level events ({@link MonitoringEvent.RouteUpdate}, {@link MonitoringEvent.TablesCleared}) are many and
 * cost the sessions that build them, so they are built only while a subscription asked for them
 * ({@link #subscribe(int, boolean)}) and delivered only to such subscriptions.
 */
@Component(service = EventBus.class)
public final class EventBus {
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    // Open subscriptions per level, by ordinal: sessions build a level's events only while its count is not 0.
    private final AtomicIntegerArray levelSubscriptions = new AtomicIntegerArray(MonitoringEvent.Level.values().length);

    /**
     * Whether anybody listens: publishers skip building events nobody reads.
     *
     * @return true if there is a subscription
     */
    public boolean hasSubscribers() {
        return !subscriptions.isEmpty();
    }

    /**
     * Whether a subscription wants route-level events: the sessions build them only then.
     *
     * @return true if there is such a subscription
     */
    public boolean hasRouteSubscribers() {
        return levelSubscriptions.get(MonitoringEvent.Level.ROUTES.ordinal()) > 0;
    }

    /**
     * Whether a subscription wants every BMP message as received: the sessions copy them only then.
     *
     * @return true if there is such a subscription
     */
    public boolean hasRawSubscribers() {
        return levelSubscriptions.get(MonitoringEvent.Level.RAW.ordinal()) > 0;
    }

    /**
     * How many subscriptions are open (gRPC streams, the Kafka export, ...).
     *
     * @return the count
     */
    public int subscribers() {
        return subscriptions.size();
    }

    /**
     * Publishes an event to every subscription.
     *
     * @param event the event
     */
    public void publish(final MonitoringEvent event) {
        for (var subscription : subscriptions) {
            subscription.offer(event);
        }
    }

    /**
     * Subscribes.
     *
     * @param capacity how many events the subscription buffers before it drops the oldest
     * @return the subscription; close it to stop
     */
    public Subscription subscribe(final int capacity) {
        return subscribe(capacity, false);
    }

    /**
     * Subscribes, with or without the route-level events.
     *
     * @param capacity how many events the subscription buffers before it drops the oldest
     * @param routes whether it also gets every UPDATE's routes and every cleared table
     * @return the subscription; close it to stop
     */
    public Subscription subscribe(final int capacity, final boolean routes) {
        return subscribe(capacity, routes ? EnumSet.of(MonitoringEvent.Level.ROUTES)
            : EnumSet.noneOf(MonitoringEvent.Level.class));
    }

    /**
     * Subscribes to the state events and the other levels asked for.
     *
     * @param capacity how many events the subscription buffers before it drops the oldest
     * @param levels the levels beyond {@link MonitoringEvent.Level#STATE} it gets
     * @return the subscription; close it to stop
     */
    public Subscription subscribe(final int capacity, final Set<MonitoringEvent.Level> levels) {
        return subscribe(capacity, levels, Long.MAX_VALUE);
    }

    /**
     * Subscribes to the state events and the other levels asked for, bounded by events and by bytes (see
     * {@link MonitoringEvent#heapBytes}): a router flooding with large messages fills the byte bound first.
     *
     * @param capacity how many events the subscription buffers before it drops the oldest
     * @param levels the levels beyond {@link MonitoringEvent.Level#STATE} it gets
     * @param maxBytes how many bytes of events it buffers before it drops the oldest
     * @return the subscription; close it to stop
     */
    public Subscription subscribe(final int capacity, final Set<MonitoringEvent.Level> levels, final long maxBytes) {
        final var subscription = new Subscription(capacity, levels, maxBytes);
        // Listed before it is counted: a session that sees the count publishes to a list that holds it.
        subscriptions.add(subscription);
        subscription.levels.forEach(level -> levelSubscriptions.incrementAndGet(level.ordinal()));
        return subscription;
    }

    /** One subscriber's buffer. */
    public final class Subscription implements AutoCloseable {
        private final ArrayBlockingQueue<MonitoringEvent> queue;
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final long maxBytes;
        private final EnumSet<MonitoringEvent.Level> levels;

        private Subscription(final int capacity, final Set<MonitoringEvent.Level> levels, final long maxBytes) {
            queue = new ArrayBlockingQueue<>(capacity);
            this.maxBytes = maxBytes;
            this.levels = EnumSet.of(MonitoringEvent.Level.STATE);
            this.levels.addAll(levels);
        }

        private boolean wants(final MonitoringEvent.Level level) {
            return levels.contains(level);
        }

        private void offer(final MonitoringEvent event) {
            if (!wants(event.level())) {
                return;
            }
            bytes.addAndGet(event.heapBytes());
            while (!queue.offer(event)) {
                dropOldest();
            }
            while (bytes.get() > maxBytes && queue.size() > 1) {
                dropOldest();
            }
        }

        private void dropOldest() {
            final var oldest = queue.poll();
            if (oldest != null) {
                bytes.addAndGet(-oldest.heapBytes());
                dropped.incrementAndGet();
            }
        }

        /**
         * Takes the next event, waiting at most {@code timeout}.
         *
         * @param timeout how long to wait
         * @return the event, or null when none came
         * @throws InterruptedException if interrupted while waiting
         */
        public MonitoringEvent poll(final Duration timeout) throws InterruptedException {
            final var event = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (event != null) {
                bytes.addAndGet(-event.heapBytes());
            }
            return event;
        }

        /**
         * Bytes of events buffered now, as {@link MonitoringEvent#heapBytes} counts them.
         *
         * @return bytes
         */
        public long bufferedBytes() {
            return bytes.get();
        }

        /**
         * Events this subscription lost because its buffer was full.
         *
         * @return the count
         */
        public long dropped() {
            return dropped.get();
        }

        @Override
        public void close() {
            if (subscriptions.remove(this)) {
                levels.forEach(level -> levelSubscriptions.decrementAndGet(level.ordinal()));
            }
        }
    }
}
