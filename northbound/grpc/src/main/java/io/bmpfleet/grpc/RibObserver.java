/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.app.events.RouteKeys;
import io.bmpfleet.app.routes.TableSelection;
import io.bmpfleet.grpc.v1.RibUpdate;
import io.bmpfleet.grpc.v1.TablesCleared;
import io.bmpfleet.rib.Route;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ObserveRib stream ({@code bmpfleet.v1.Routes}): it subscribes to the route-level events first, then dumps
 * the picked tables, then sends the changes it buffered meanwhile and every one after. Every change applied after
 * the subscription is in the subscription (see {@code RibFeeder}), and the dump shows each table as of some moment
 * after it, so the client that applies the messages in order ends with the collector's table. Runs on a thread of
 * its own: gRPC's onReady, which it waits for, comes on the call's thread.
 */
final class RibObserver implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RibObserver.class);
    static final int DEFAULT_BUFFER = 10_000;
    static final int MAX_BUFFER = 1_000_000;
    private static final int BATCH = 1024;
    private static final Duration POLL = Duration.ofMillis(200);
    // A client that reads nothing of the initial dump for this long is dropped (it holds a table's routes).
    private static final long STALLED_NANOS = Duration.ofSeconds(60).toNanos();

    private final RouteTables tables;
    private final TableSelection selection;
    private final ServerCallStreamObserver<RibUpdate> call;
    private final Readiness readiness;
    private final EventBus.Subscription subscription;
    private final int buffer;
    private final RouteView view = new RouteView();
    private long sequence;
    private boolean dumping;

    RibObserver(final RouteTables tables, final TableSelection selection,
            final ServerCallStreamObserver<RibUpdate> call, final EventBus bus, final int buffer) {
        this.tables = tables;
        this.selection = selection;
        this.call = call;
        this.buffer = buffer;
        readiness = Readiness.of(call);
        // Before the dump: nothing applied after this line is missed.
        subscription = bus.subscribe(buffer, true);
    }

    /** Ends the subscription of a stream that will not run. */
    void cancel() {
        subscription.close();
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void run() {
        try (subscription) {
            if (dump() && send(RibUpdate.newBuilder().setEndOfRib(true))) {
                follow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.onError(Status.UNAVAILABLE.withDescription("server stopping").asRuntimeException());
        } catch (RuntimeException e) {
            // The client went away between the checks (onNext on a cancelled call), or a bug: end this stream only.
            LOG.debug("RIB observation ended", e);
        }
    }

    private boolean dump() throws InterruptedException {
        dumping = true;
        final var batch = RibUpdate.newBuilder().setInitialDump(true);
        for (var pick : selection.select(tables, null)) {
            final var key = pick.table().key();
            final var routes = new ArrayList<Route>(pick.table().size());
            pick.table().forEach(routes::add);
            for (var route : routes) {
                batch.addAnnounced(view.route(pick.router(), key, route));
                if (batch.getAnnouncedCount() == BATCH) {
                    if (!send(batch)) {
                        return false;
                    }
                    batch.clearAnnounced();
                }
            }
        }
        final boolean sent = batch.getAnnouncedCount() == 0 || send(batch);
        dumping = false;
        return sent;
    }

    private void follow() throws InterruptedException {
        while (!call.isCancelled()) {
            final MonitoringEvent event = subscription.poll(POLL);
            if (overrun()) {
                return;
            }
            if (event instanceof MonitoringEvent.RouteUpdate update) {
                final var out = update(update);
                if (out != null && !send(out)) {
                    return;
                }
            } else if (event instanceof MonitoringEvent.TablesCleared cleared) {
                final var router = RouterId.of(cleared.router());
                if (selection.picks(router) && (cleared.peer() == null || selection.picksPeer(cleared.peer()))) {
                    final var what = TablesCleared.newBuilder().setRouter(RouteView.router(router))
                        .setRoutes(cleared.routes());
                    if (cleared.peer() != null) {
                        what.setPeer(RouteView.peer(cleared.peer()));
                    }
                    if (!send(RibUpdate.newBuilder().setCleared(what).setTime(Convert.timestamp(cleared.time())))) {
                        return;
                    }
                }
            }
        }
    }

    /** The picked part of an UPDATE, or null when nothing of it is picked. */
    private RibUpdate.Builder update(final MonitoringEvent.RouteUpdate update) {
        final var router = RouterId.of(update.router());
        if (!selection.picks(router)) {
            return null;
        }
        final var out = RibUpdate.newBuilder();
        final var picker = new Picker(update);
        final var withdrawn = update.withdrawn();
        for (int i = 0; i < withdrawn.size(); i++) {
            final var table = picker.table(withdrawn, i);
            if (table != null) {
                out.addWithdrawn(RouteView.withdrawn(router, table, withdrawn.key(i)));
            }
        }
        final var announced = update.announced();
        for (int i = 0; i < announced.size(); i++) {
            final var table = picker.table(announced, i);
            if (table != null) {
                out.addAnnounced(view.route(router, table, new Route(announced.key(i), update.attributes())));
            }
        }
        if (out.getAnnouncedCount() == 0 && out.getWithdrawnCount() == 0) {
            return null;
        }
        out.setTime(Convert.timestamp(update.time()));
        if (update.bmpTime() != null) {
            out.setBmpTime(Convert.timestamp(update.bmpTime()));
        }
        return out;
    }

    /** The table of each route of an UPDATE when the selection picks it (an UPDATE's routes are of few families). */
    private final class Picker {
        private final MonitoringEvent.RouteUpdate update;
        private TableKey last;
        private boolean picked;

        Picker(final MonitoringEvent.RouteUpdate update) {
            this.update = update;
        }

        TableKey table(final RouteKeys routes, final int index) {
            final var family = routes.family(index);
            if (last == null || !last.afiSafi().equals(family)) {
                last = new TableKey(update.peer(), update.rib(), family);
                picked = selection.picks(last);
            }
            return picked ? last : null;
        }
    }

    /** Ends the stream when the subscription had to drop a change: the client's view would have a hole. */
    private boolean overrun() {
        if (subscription.dropped() == 0) {
            return false;
        }
        call.onError(Status.RESOURCE_EXHAUSTED.withDescription("the client fell behind by more than its " + buffer
            + " buffered UPDATEs: " + subscription.dropped() + " changes missed after message " + sequence
            + "; observe again (with a larger buffer) and read faster").asRuntimeException());
        return true;
    }

    private boolean send(final RibUpdate.Builder message) throws InterruptedException {
        if (overrun()) {
            return false;
        }
        final long start = System.nanoTime();
        while (!call.isReady()) {
            if (call.isCancelled()) {
                return false;
            }
            if (dumping && System.nanoTime() - start > STALLED_NANOS) {
                call.onError(Status.DEADLINE_EXCEEDED.withDescription("the client read nothing of the initial dump"
                    + " for " + Duration.ofNanos(STALLED_NANOS).toSeconds() + " s; the stream is stopped")
                    .asRuntimeException());
                return false;
            }
            readiness.awaitReady(call, POLL.toMillis());
            // While the client cannot take more, the subscription fills; a drop ends the stream.
            if (overrun()) {
                return false;
            }
        }
        call.onNext(message.setSequence(++sequence).build());
        return true;
    }
}
