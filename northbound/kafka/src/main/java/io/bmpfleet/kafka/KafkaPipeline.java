/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.rib.AttributeSet;
import io.bmpfleet.rib.RouteTable;
import io.bmpfleet.rib.RouterId;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Kafka export: a render thread turns the event bus's events into OpenBMP messages and offers them to
 * a bounded {@link ExportQueue} (dropping, and counting, what does not fit: the bus and the router sessions never
 * wait for Kafka); a send thread hands them to Apache Kafka's producer. After drops, once nothing was dropped for a
 * while, gap markers go to the topics that lost messages, and when the broker acknowledged them a snapshot of the
 * RIB follows (if the settings ask). Snapshots are rendered on the render thread between live events, table by
 * table and chunk by chunk, so a peer's live routes and its snapshot rows keep the RIB's order in its partition.
 * Settings are fixed for its life: a change of settings is a new pipeline.
 */
public final class KafkaPipeline implements AutoCloseable {
    /** The connection state, as the model names it. */
    public enum State { CONNECTING, CONNECTED, DISCONNECTED, FAILED }

    /**
     * What the export's state shows.
     *
     * @param state the broker connection
     * @param lastError the newest error, or null
     * @param lastErrorTime when
     * @param bufferedBytes bytes queued before the producer
     * @param gaps gaps marked
     * @param snapshots snapshots published
     * @param snapshotRoutes routes they wrote
     * @param eventsMissed bus events lost before rendering
     * @param topics per wanted topic: full name and figures
     */
    public record Status(State state, String lastError, Instant lastErrorTime, long bufferedBytes, long gaps,
            long snapshots, long snapshotRoutes, long eventsMissed, Map<String, TopicStatus> topics) {
    }

    /**
     * One topic's figures.
     *
     * @param messagesSent messages acknowledged
     * @param bytesSent their values' bytes
     * @param recordsSent records in them
     * @param dropped messages dropped
     * @param lastError why the newest drop happened
     */
    public record TopicStatus(long messagesSent, long bytesSent, long recordsSent, long dropped, String lastError) {
    }

    /**
     * What a snapshot wrote.
     *
     * @param routers router sessions
     * @param routes routes
     */
    public record SnapshotResult(int routers, long routes) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPipeline.class);
    private static final int BUS_CAPACITY = 262_144;
    private static final int EVENTS_PER_STEP = 512;
    private static final long POLL_MILLIS = 100;
    /** How long without a drop before the gap is marked. */
    private static final Duration QUIET = Duration.ofSeconds(2);
    /** The least time between two snapshots a gap starts. */
    private static final Duration GAP_SNAPSHOT_SPACING = Duration.ofSeconds(10);
    private static final Duration RETRY_PRODUCER = Duration.ofSeconds(5);
    /** Attribute sets a snapshot keeps written, per table, before it starts again. */
    private static final int ATTRIBUTE_CACHE = 65536;
    private static final Duration CLOSE_DRAIN = Duration.ofSeconds(5);

    private final KafkaSettings settings;
    private final Properties producerProperties;
    private final Function<Properties, Producer<byte[], byte[]>> producers;
    private final RouteTables tables;
    private final EventBus.Subscription subscription;
    private final ExportRenderer renderer;
    private final ExportQueue queue;
    private final ExportCounters counters = new ExportCounters();
    private final ConcurrentLinkedQueue<SnapshotRequest> snapshotRequests = new ConcurrentLinkedQueue<>();
    // The gap markers queued, in order: the send thread takes one per marker and tells it the broker's answer.
    private final ConcurrentLinkedQueue<MarkerWait> pendingMarkers = new ConcurrentLinkedQueue<>();
    private final Thread renderThread;
    private final Thread sendThread;
    private volatile boolean running = true;
    private volatile boolean rendered;
    private volatile State state = State.CONNECTING;
    private volatile boolean everConnected;
    // render thread only
    private long missedSeen;
    private long nextHeartbeat;
    private Snapshot snapshot;
    private long snapshotNumber;
    private long lastGapSnapshot = System.nanoTime() - GAP_SNAPSHOT_SPACING.toNanos();
    private MarkerWait markerWait;

    /**
     * Starts an export.
     *
     * @param settings its settings
     * @param producerProperties the producer's properties (from the settings, with credentials)
     * @param bus where the events come from
     * @param tables the RIB, for snapshots
     * @param producers makes the producer ({@link #kafkaProducer} but in tests)
     * @param snapshotAtStart whether to publish the RIB as it is when the export starts
     */
    public KafkaPipeline(final KafkaSettings settings, final Properties producerProperties, final EventBus bus,
            final RouteTables tables, final Function<Properties, Producer<byte[], byte[]>> producers,
            final boolean snapshotAtStart) {
        this.settings = settings;
        this.producerProperties = producerProperties;
        this.producers = producers;
        this.tables = tables;
        renderer = new ExportRenderer(settings.collectorName());
        queue = new ExportQueue(settings.queueBytes());
        final var levels = EnumSet.noneOf(MonitoringEvent.Level.class);
        if (settings.topics().contains(ExportTopic.BMP_RAW)) {
            levels.add(MonitoringEvent.Level.RAW);
        }
        if (settings.topics().contains(ExportTopic.UNICAST_PREFIX) || settings.topics().contains(ExportTopic.L3VPN)) {
            levels.add(MonitoringEvent.Level.ROUTES);
        }
        // Events waiting to be rendered are bounded like the queue after them: by bytes (half the buffer), so a router
        // flooding with large messages while the export is slow costs a known amount of heap.
        subscription = bus.subscribe(BUS_CAPACITY, levels, settings.queueBytes());
        if (snapshotAtStart && !tables.routers().isEmpty()) {
            snapshotRequests.add(new SnapshotRequest(null, new CompletableFuture<>()));
        }
        renderThread = new Thread(this::renderLoop, "bmpfleet-kafka-render");
        sendThread = new Thread(this::sendLoop, "bmpfleet-kafka-send");
        renderThread.setDaemon(true);
        sendThread.setDaemon(true);
        renderThread.start();
        sendThread.start();
        LOG.info("Kafka export started: {}", settings.describe());
    }

    /**
     * Apache Kafka's producer, made with this bundle's class loader as the context class loader (the client loads
     * some of its classes by name).
     *
     * @param properties its properties
     * @return the producer
     */
    public static Producer<byte[], byte[]> kafkaProducer(final Properties properties) {
        final var thread = Thread.currentThread();
        final var saved = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaPipeline.class.getClassLoader());
        try {
            return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    /**
     * The settings it runs with.
     *
     * @return the settings
     */
    public KafkaSettings settings() {
        return settings;
    }

    /**
     * Asks for a snapshot of the RIB.
     *
     * @param router only this router's sessions, or null for all
     * @return what it wrote, once written (or why it failed)
     */
    public CompletableFuture<SnapshotResult> snapshot(final InetAddress router) {
        final var request = new SnapshotRequest(router, new CompletableFuture<>());
        if (!running) {
            request.done.completeExceptionally(new IllegalStateException("the Kafka export is stopping"));
        } else {
            snapshotRequests.add(request);
        }
        return request.done;
    }

    /**
     * The export's figures now.
     *
     * @return the status
     */
    public Status status() {
        final var topics = new java.util.LinkedHashMap<String, TopicStatus>();
        for (var figures : counters.topics()) {
            if (settings.topics().contains(figures.topic())) {
                topics.put(settings.topicName(figures.topic()), new TopicStatus(figures.messages(), figures.bytes(),
                    figures.records(), figures.dropped(), figures.lastError()));
            }
        }
        return new Status(state, counters.lastError(), counters.lastErrorTime(), queue.bytes(), counters.gaps(),
            counters.snapshots(), counters.snapshotRoutes(), counters.eventsMissed(), topics);
    }

    /**
     * Whether the render thread has gone through its loop at least once (its subscription is live).
     *
     * @return true once it has
     */
    boolean rendered() {
        return rendered;
    }

    // ------------------------------------------------------------------------------------------------- render

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void renderLoop() {
        nextHeartbeat = System.nanoTime() + heartbeatNanos();
        offer(renderer.collector("started", Instant.now()));
        try {
            while (running) {
                if (snapshot == null) {
                    startSnapshot();
                }
                var event = subscription.poll(snapshot != null ? Duration.ZERO : Duration.ofMillis(POLL_MILLIS));
                for (int handled = 0; event != null; event = subscription.poll(Duration.ZERO)) {
                    render(event);
                    if (++handled == EVENTS_PER_STEP) {
                        break;
                    }
                }
                rendered = true;
                noteMissed();
                if (snapshot != null) {
                    snapshotStep();
                }
                markGaps();
                heartbeat();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Kafka export stopped rendering", e);
            counters.error("rendering stopped: " + e);
        } finally {
            failSnapshots("the Kafka export stopped");
            offer(renderer.collector("stopped", Instant.now()));
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void render(final MonitoringEvent event) {
        final List<ExportRenderer.Output> outputs;
        try {
            outputs = renderer.render(event);
        } catch (RuntimeException e) {
            // One event the renderer cannot write must not stop the export; it is a loss like a drop.
            LOG.warn("Kafka export could not render {}", event.getClass().getSimpleName(), e);
            counters.error("could not render " + event.getClass().getSimpleName() + ": " + e);
            return;
        }
        outputs.forEach(this::offer);
    }

    private void offer(final ExportRenderer.Output out) {
        if (settings.topics().contains(out.topic()) && !queue.offer(out)) {
            counters.dropped(out.topic(), "buffer full (" + settings.queueBytes() + " bytes)");
        }
    }

    private void noteMissed() {
        final long missed = subscription.dropped();
        if (missed > missedSeen) {
            counters.missed(missed - missedSeen);
            missedSeen = missed;
            // Which topics the lost events would have fed is not known: the route topics' gap is the one that
            // matters (the RIB snapshot repairs it).
            counters.dropped(routeTopic(), "the export fell behind the collector's events");
        }
    }

    /** The topic a loss of events is booked on: a route topic where there is one. */
    private ExportTopic routeTopic() {
        for (var topic : List.of(ExportTopic.UNICAST_PREFIX, ExportTopic.L3VPN)) {
            if (settings.topics().contains(topic)) {
                return topic;
            }
        }
        return settings.topics().iterator().next();
    }

    private void heartbeat() {
        if (heartbeatNanos() > 0 && System.nanoTime() - nextHeartbeat >= 0) {
            nextHeartbeat = System.nanoTime() + heartbeatNanos();
            offer(renderer.collector("heartbeat", Instant.now()));
        }
    }

    private long heartbeatNanos() {
        return settings.heartbeatInterval().toNanos();
    }

    /**
     * Gap markers, once nothing was dropped for {@link #QUIET}; when the broker has acknowledged all of them, the
     * snapshot that repairs the gap (if the settings ask for one).
     */
    private void markGaps() throws InterruptedException {
        if (markerWait != null) {
            if (markerWait.failed.get() > 0) {
                markerWait = null;
            } else if (markerWait.pending.get() == 0) {
                markerWait = null;
                if (settings.snapshotAfterGap() && System.nanoTime() - lastGapSnapshot
                        >= GAP_SNAPSHOT_SPACING.toNanos()) {
                    lastGapSnapshot = System.nanoTime();
                    snapshotRequests.add(new SnapshotRequest(null, new CompletableFuture<>()));
                }
            }
            return;
        }
        if (!counters.gapPending() || counters.sinceLastDrop() < QUIET.toNanos()) {
            return;
        }
        final var wait = new MarkerWait();
        final var markers = new ArrayList<ExportRenderer.Output>();
        for (var gap : counters.takeUnmarked()) {
            markers.add(renderer.gapMarker(gap.topic(), settings.topicName(gap.topic()), gap.dropped(), gap.first(),
                gap.last()));
            LOG.info("Kafka export: {} messages of {} were not sent between {} and {}", gap.dropped(),
                settings.topicName(gap.topic()), gap.first(), gap.last());
        }
        wait.pending.set(markers.size());
        markerWait = wait;
        for (var marker : markers) {
            if (!queue.put(marker, settings.deliveryTimeout().toNanos())) {
                counters.dropped(marker.topic(), "gap marker found no room");
                wait.failed.incrementAndGet();
            } else {
                pendingMarkers.add(wait);
            }
        }
    }

    private void startSnapshot() {
        final var request = snapshotRequests.poll();
        if (request == null) {
            return;
        }
        final var work = new ArrayDeque<SnapshotTable>();
        final var routers = new java.util.HashSet<RouterId>();
        for (var router : tables.routers()) {
            if (request.router == null || request.router.equals(router.address())) {
                routers.add(router);
                tables.tables(router).forEach(table -> work.add(new SnapshotTable(router, table)));
            }
        }
        snapshot = new Snapshot(request, ++snapshotNumber, work, routers.size(), Instant.now());
        LOG.info("Kafka export: snapshot {} of {} router sessions, {} tables", snapshot.number, routers.size(),
            work.size());
    }

    /** One chunk of the snapshot's current table (or its begin or end marker). */
    private void snapshotStep() throws InterruptedException {
        final var current = snapshot.work.peek();
        if (current == null) {
            counters.snapshot(snapshot.routes);
            snapshot.request.done.complete(new SnapshotResult(snapshot.routers, snapshot.routes));
            LOG.info("Kafka export: snapshot {} written, {} routes", snapshot.number, snapshot.routes);
            snapshot = null;
            return;
        }
        final var key = current.table.key();
        if (!current.begun) {
            current.begun = true;
            current.chunk.reset();
            put(renderer.snapshotMarker(current.router, key, true, snapshot.number, 0));
            return;
        }
        if (current.table.next(current.chunk)) {
            if (current.attributes.size() > ATTRIBUTE_CACHE) {
                current.attributes.clear();
            }
            final var rows = renderer.snapshotRows(current.router, key, current.chunk, snapshot.time,
                current.attributes);
            current.routes += rows.records();
            snapshot.routes += rows.records();
            put(rows);
            return;
        }
        put(renderer.snapshotMarker(current.router, key, false, snapshot.number, current.routes));
        snapshot.work.poll();
    }

    /** Queues a snapshot's message, waiting for room; a snapshot the producer does not take in time fails. */
    private void put(final ExportRenderer.Output out) throws InterruptedException {
        if (!settings.topics().contains(out.topic())) {
            return;
        }
        if (!queue.put(out, settings.deliveryTimeout().toNanos())) {
            counters.dropped(out.topic(), "snapshot found no room in the buffer");
            final var failed = snapshot;
            snapshot = null;
            failed.request.done.completeExceptionally(new IllegalStateException("snapshot " + failed.number
                + " stopped: the producer took nothing for " + settings.deliveryTimeout().toSeconds() + " s"));
        }
    }

    private void failSnapshots(final String why) {
        if (snapshot != null) {
            snapshot.request.done.completeExceptionally(new IllegalStateException(why));
            snapshot = null;
        }
        for (var request = snapshotRequests.poll(); request != null; request = snapshotRequests.poll()) {
            request.done.completeExceptionally(new IllegalStateException(why));
        }
    }

    // --------------------------------------------------------------------------------------------------- send

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void sendLoop() {
        Producer<byte[], byte[]> producer = null;
        long lastState = 0;
        try {
            while (running || queue.bytes() > 0 && renderThread.isAlive()) {
                if (producer == null) {
                    producer = newProducer();
                    if (producer == null) {
                        TimeUnit.MILLISECONDS.sleep(RETRY_PRODUCER.toMillis());
                        continue;
                    }
                }
                final var out = queue.poll(POLL_MILLIS);
                if (System.nanoTime() - lastState > TimeUnit.MILLISECONDS.toNanos(500)) {
                    lastState = System.nanoTime();
                    updateState(producer);
                }
                if (out != null) {
                    send(producer, out);
                }
            }
            drain(producer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Kafka export stopped sending", e);
            counters.error("sending stopped: " + e);
        } finally {
            if (producer != null) {
                try {
                    producer.close(CLOSE_DRAIN);
                } catch (RuntimeException e) {
                    LOG.debug("Kafka producer close", e);
                }
            }
        }
    }

    /** What is still queued when the export stops (the collector's stopped record among it), for a few seconds. */
    private void drain(final Producer<byte[], byte[]> producer) throws InterruptedException {
        if (producer == null) {
            return;
        }
        final long deadline = System.nanoTime() + CLOSE_DRAIN.toNanos();
        while (System.nanoTime() < deadline) {
            final var out = queue.poll(POLL_MILLIS);
            if (out == null && !renderThread.isAlive()) {
                return;
            }
            if (out != null) {
                send(producer, out);
            }
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private Producer<byte[], byte[]> newProducer() {
        try {
            final var producer = producers.apply(producerProperties);
            for (var topic : settings.topics()) {
                try {
                    // Metadata early: the first messages of each topic do not wait for it (and topics are created
                    // where the broker creates them on first use).
                    producer.partitionsFor(settings.topicName(topic));
                } catch (KafkaException e) {
                    LOG.debug("No metadata yet for {}", topic, e);
                }
            }
            return producer;
        } catch (RuntimeException e) {
            state = State.FAILED;
            counters.error("cannot create the Kafka producer: " + e.getMessage());
            LOG.warn("Kafka export: cannot create the producer; retried in {} s", RETRY_PRODUCER.toSeconds(), e);
            return null;
        }
    }

    private void updateState(final Producer<byte[], byte[]> producer) {
        double connections = 0;
        for (var metric : producer.metrics().entrySet()) {
            if ("connection-count".equals(metric.getKey().name())
                    && "producer-metrics".equals(metric.getKey().group())
                    && metric.getValue().metricValue() instanceof Double value) {
                connections = value;
            }
        }
        if (connections > 0) {
            everConnected = true;
            state = State.CONNECTED;
        } else {
            state = everConnected ? State.DISCONNECTED : State.CONNECTING;
        }
    }

    private void send(final Producer<byte[], byte[]> producer, final ExportRenderer.Output out) {
        final String topic = settings.topicName(out.topic());
        if (!out.everyPartition()) {
            send(producer, new ProducerRecord<>(topic, out.key(), out.value()), out, null);
            return;
        }
        final var marker = pendingMarkers.poll();
        final List<PartitionInfo> partitions;
        try {
            partitions = producer.partitionsFor(topic);
        } catch (KafkaException e) {
            dropped(out, e, marker);
            return;
        }
        // Acknowledged when every partition's copy is: one more answer to wait for per partition beyond the first.
        if (marker != null) {
            marker.pending.addAndGet(partitions.size() - 1);
        }
        for (var partition : partitions) {
            send(producer, new ProducerRecord<>(topic, partition.partition(), out.key(), out.value()), out, marker);
        }
    }

    private void send(final Producer<byte[], byte[]> producer, final ProducerRecord<byte[], byte[]> record,
            final ExportRenderer.Output out, final MarkerWait marker) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    counters.sent(out.topic(), out.value().length, out.records());
                    if (marker != null) {
                        marker.acknowledged();
                    }
                } else {
                    dropped(out, error, marker);
                }
            });
        } catch (KafkaException e) {
            dropped(out, e, marker);
        }
    }

    private void dropped(final ExportRenderer.Output out, final Exception error, final MarkerWait marker) {
        counters.dropped(out.topic(), error.getClass().getSimpleName() + ": " + error.getMessage());
        if (marker != null) {
            marker.failedOnce();
        }
    }

    @Override
    public void close() {
        running = false;
        subscription.close();
        try {
            renderThread.join(TimeUnit.SECONDS.toMillis(10));
            queue.close();
            sendThread.join(CLOSE_DRAIN.toMillis() * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (renderThread.isAlive() || sendThread.isAlive()) {
            renderThread.interrupt();
            sendThread.interrupt();
        }
        LOG.info("Kafka export stopped");
    }

    /** Gap markers on their way: how many copies the broker has not acknowledged, how many failed. */
    private static final class MarkerWait {
        final AtomicInteger pending = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        void acknowledged() {
            pending.decrementAndGet();
        }

        void failedOnce() {
            failed.incrementAndGet();
        }
    }

    private record SnapshotRequest(InetAddress router, CompletableFuture<SnapshotResult> done) {
    }

    private static final class SnapshotTable {
        final RouterId router;
        final RouteTable table;
        final RouteTable.Chunk chunk = new RouteTable.Chunk();
        final Map<AttributeSet, RouteRecords.Attributes> attributes = new IdentityHashMap<>();
        boolean begun;
        long routes;

        SnapshotTable(final RouterId router, final RouteTable table) {
            this.router = router;
            this.table = table;
        }
    }

    private static final class Snapshot {
        final SnapshotRequest request;
        final long number;
        final ArrayDeque<SnapshotTable> work;
        final int routers;
        final Instant time;
        long routes;

        Snapshot(final SnapshotRequest request, final long number, final ArrayDeque<SnapshotTable> work,
                final int routers, final Instant time) {
            this.request = request;
            this.number = number;
            this.work = work;
            this.routers = routers;
            this.time = time;
        }
    }
}
