/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.bmp.codec.bgp.RouteDistinguisher;
import io.bmpfleet.grpc.v1.DeviceSync;
import io.bmpfleet.grpc.v1.Event;
import io.bmpfleet.grpc.v1.EventsGrpc;
import io.bmpfleet.grpc.v1.PeerDown;
import io.bmpfleet.grpc.v1.PeerRef;
import io.bmpfleet.grpc.v1.PeerUp;
import io.bmpfleet.grpc.v1.RouteChanges;
import io.bmpfleet.grpc.v1.RouterInitiation;
import io.bmpfleet.grpc.v1.SessionDown;
import io.bmpfleet.grpc.v1.SessionUp;
import io.bmpfleet.grpc.v1.Statistic;
import io.bmpfleet.grpc.v1.StatisticsReport;
import io.bmpfleet.grpc.v1.WatchRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bmpfleet.v1.Events}: each Watch stream has its own bounded subscription on the event bus and its own
 * sender. The sender writes only when the client can take more; while it cannot, the subscription fills, and the
 * first event it has to drop ends the stream with RESOURCE_EXHAUSTED saying how far behind the client was. So a
 * slow client costs at most its buffer, never the collector's time or the heap.
 */
final class EventsApi extends EventsGrpc.EventsImplBase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventsApi.class);
    private static final int DEFAULT_BUFFER = 10_000;
    private static final int MAX_BUFFER = 1_000_000;
    private static final Duration POLL = Duration.ofMillis(200);

    private final EventBus bus;
    private final int maxWatchers;
    private final AtomicInteger watchers = new AtomicInteger();
    private final ExecutorService senders = Executors.newCachedThreadPool(
        new ThreadFactoryBuilder().setNameFormat("bmpfleet-grpc-watch-%d").setDaemon(true).build());

    EventsApi(final EventBus bus, final int maxWatchers) {
        this.bus = bus;
        this.maxWatchers = maxWatchers;
    }

    @Override
    public void watch(final WatchRequest request, final StreamObserver<Event> response) {
        if (watchers.incrementAndGet() > maxWatchers) {
            watchers.decrementAndGet();
            response.onError(Status.RESOURCE_EXHAUSTED.withDescription("already " + maxWatchers
                + " event streams open (maxWatchers in etc/io.bmpfleet.grpc.cfg)").asRuntimeException());
            return;
        }
        if (!(response instanceof ServerCallStreamObserver<Event> call)) {
            watchers.decrementAndGet();
            response.onError(Status.INTERNAL.withDescription("not a server stream").asRuntimeException());
            return;
        }
        final var readiness = Readiness.of(call);
        final int buffer = request.getBuffer() == 0 ? DEFAULT_BUFFER : Math.min(MAX_BUFFER, request.getBuffer());
        final var subscription = bus.subscribe(buffer);
        try {
            senders.execute(() -> send(call, readiness, subscription, request.getRouteChanges(), buffer));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            subscription.close();
            watchers.decrementAndGet();
            response.onError(Status.UNAVAILABLE.withDescription("server stopping").asRuntimeException());
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void send(final ServerCallStreamObserver<Event> call, final Readiness readiness,
            final EventBus.Subscription subscription, final boolean routeChanges, final int buffer) {
        long sequence = 0;
        try (subscription) {
            while (!call.isCancelled()) {
                if (subscription.dropped() > 0) {
                    call.onError(Status.RESOURCE_EXHAUSTED.withDescription("the client fell behind by more than its "
                        + buffer + " buffered events: " + subscription.dropped() + " events missed after event "
                        + sequence + "; watch again (with a larger buffer) and read faster").asRuntimeException());
                    return;
                }
                // While the client cannot take more, its subscription fills; the check above then ends it.
                if (!call.isReady() && !readiness.awaitReady(call, POLL.toMillis())) {
                    continue;
                }
                final MonitoringEvent event = subscription.poll(POLL);
                if (event == null || !routeChanges && event instanceof MonitoringEvent.RouteChanges) {
                    continue;
                }
                call.onNext(event(++sequence, event));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.onError(Status.UNAVAILABLE.withDescription("server stopping").asRuntimeException());
        } catch (RuntimeException e) {
            // The client went away between the checks (onNext on a cancelled call), or a bug: end this stream only.
            LOG.debug("Event stream ended", e);
        } finally {
            watchers.decrementAndGet();
        }
    }

    static Event event(final long sequence, final MonitoringEvent event) {
        final var out = Event.newBuilder().setSequence(sequence).setTime(Convert.timestamp(event.time()));
        if (event.router() != null) {
            out.setRouter(Convert.ref(event.router()));
        }
        if (event.bmpTime() != null) {
            out.setBmpTime(Convert.timestamp(event.bmpTime()));
        }
        if (event instanceof MonitoringEvent.SessionUp) {
            out.setSessionUp(SessionUp.getDefaultInstance());
        } else if (event instanceof MonitoringEvent.Initiation init) {
            out.setInitiation(RouterInitiation.newBuilder().setSysName(Convert.nonNull(init.sysName()))
                .setSysDescr(Convert.nonNull(init.sysDescr())));
        } else if (event instanceof MonitoringEvent.SessionDown down) {
            out.setSessionDown(SessionDown.newBuilder().setReason(Convert.nonNull(down.reason())));
        } else if (event instanceof MonitoringEvent.PeerUp up) {
            out.setPeerUp(PeerUp.newBuilder().setPeer(peer(up.peer())).setAs((int) up.peer().as()));
        } else if (event instanceof MonitoringEvent.PeerDown down) {
            out.setPeerDown(PeerDown.newBuilder().setPeer(peer(down.peer())).setAs((int) down.peer().as())
                .setReason(Convert.nonNull(down.reason())));
        } else if (event instanceof MonitoringEvent.Statistics stats) {
            final var report = StatisticsReport.newBuilder().setPeer(peer(stats.peer()));
            stats.values().forEach((key, value) -> {
                final String[] parts = key.split("/");
                report.addStatistics(Statistic.newBuilder().setType(Integer.parseInt(parts[0]))
                    .setAfi(Integer.parseInt(parts[1])).setSafi(Integer.parseInt(parts[2])).setValue(value));
            });
            out.setStatistics(report);
        } else if (event instanceof MonitoringEvent.RouteChanges changes) {
            out.setRouteChanges(RouteChanges.newBuilder().setPeer(peer(changes.peer()))
                .setRib(Convert.rib(io.bmpfleet.rib.Rib.valueOf(changes.rib())))
                .setAnnounced(changes.announced()).setWithdrawn(changes.withdrawn()));
        } else if (event instanceof MonitoringEvent.DeviceSync sync) {
            out.setDeviceSync(DeviceSync.newBuilder().setDevice(sync.device()).setJob(sync.job())
                .setStatus(sync.status()).addAllChanges(sync.changes()).setDriftRepaired(sync.driftRepaired())
                .setError(Convert.nonNull(sync.error())));
        }
        return out.build();
    }

    private static PeerRef peer(final MonitoringEvent.Peer peer) {
        return PeerRef.newBuilder().setType(peer.peerType())
            .setDistinguisher(RouteDistinguisher.format(peer.distinguisher()))
            .setAddress(io.bmpfleet.bmp.codec.AddressText.format(peer.address()))
            .setBgpId(io.bmpfleet.bmp.codec.AddressText.ipv4(peer.bgpId()))
            .build();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
