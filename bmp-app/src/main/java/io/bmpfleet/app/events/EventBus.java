/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.events;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;

/**
 * Hands monitoring events to subscribers, each with its own bounded buffer. A subscriber that falls behind loses its
 * oldest events (counted in {@link Subscription#dropped()}), never slows the sessions that publish, and never grows
 * the heap.
 */
@Component(service = EventBus.class)
public final class EventBus {
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /**
     * Whether anybody listens: publishers skip building events nobody reads.
     *
     * @return true if there is a subscription
     */
    public boolean hasSubscribers() {
        return !subscriptions.isEmpty();
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
        final var subscription = new Subscription(capacity);
        subscriptions.add(subscription);
        return subscription;
    }

    /** One subscriber's buffer. */
    public final class Subscription implements AutoCloseable {
        private final ArrayBlockingQueue<MonitoringEvent> queue;
        private final AtomicLong dropped = new AtomicLong();

        private Subscription(final int capacity) {
            queue = new ArrayBlockingQueue<>(capacity);
        }

        private void offer(final MonitoringEvent event) {
            while (!queue.offer(event)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
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
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
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
            subscriptions.remove(this);
        }
    }
}
