/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.routes.RouteLookup;
import io.bmpfleet.app.routes.RouteNames;
import io.bmpfleet.app.routes.TableSelection;
import io.bmpfleet.app.routes.TableSelection.Picked;
import io.bmpfleet.grpc.v1.DumpRequest;
import io.bmpfleet.grpc.v1.LookupRequest;
import io.bmpfleet.grpc.v1.LookupResponse;
import io.bmpfleet.grpc.v1.MatchType;
import io.bmpfleet.grpc.v1.ObserveRibRequest;
import io.bmpfleet.grpc.v1.RibUpdate;
import io.bmpfleet.grpc.v1.RouteBatch;
import io.bmpfleet.grpc.v1.RoutesGrpc;
import io.bmpfleet.grpc.v1.TableSelector;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code bmpfleet.v1.Routes}: lookups and dumps over the RIB store ({@link RouteTables}), with a table selector
 * (router session, peer, RIB, family) and the attributes decoded.
 */
final class RoutesApi extends RoutesGrpc.RoutesImplBase implements AutoCloseable {
    // Routes per Dump message: one message per route costs more in framing than in routes.
    private static final int BATCH = 1024;
    // A client that reads nothing for this long is dropped (the dump holds one table's routes meanwhile).
    private static final long STALLED_MS = TimeUnit.SECONDS.toMillis(60);
    private static final int MAX_DUMPS = 8;
    private static final int MAX_OBSERVERS = 32;

    private final RouteTables tables;
    private final EventBus bus;
    private final Semaphore dumping = new Semaphore(MAX_DUMPS);
    private final Semaphore observing = new Semaphore(MAX_OBSERVERS);
    private final ExecutorService dumps = Executors.newCachedThreadPool(
        new ThreadFactoryBuilder().setNameFormat("bmpfleet-grpc-dump-%d").setDaemon(true).build());

    RoutesApi(final RouteTables tables, final EventBus bus) {
        this.tables = tables;
        this.bus = bus;
    }

    @Override
    public void close() {
        dumps.shutdownNow();
    }


    @Override
    public void lookup(final LookupRequest request, final StreamObserver<LookupResponse> response) {
        final RouteLookup.Answer answer;
        try {
            final var prefix = RouteNames.prefix(request.getPrefix());
            final long rd = request.getRouteDistinguisher().isEmpty() ? 0
                : RouteNames.parseDistinguisher(request.getRouteDistinguisher());
            answer = new RouteLookup(selection(request.getTables()), prefix, match(request.getMatch()), rd,
                request.getPathId() == 0 ? null : request.getPathId(),
                request.getLimit() == 0 ? RouteLookup.DEFAULT_LIMIT : request.getLimit()).run(tables);
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        final var view = new RouteView();
        final var out = LookupResponse.newBuilder().setTruncated(answer.truncated());
        answer.routes().forEach(found -> out.addRoutes(view.route(found.router(), found.table(), found.route())));
        response.onNext(out.build());
        response.onCompleted();
    }

    private static RouteLookup.Match match(final MatchType match) {
        return switch (match) {
            case LONGEST_PREFIX -> RouteLookup.Match.LONGEST_PREFIX;
            case MORE_SPECIFIC -> RouteLookup.Match.MORE_SPECIFIC;
            case LESS_SPECIFIC -> RouteLookup.Match.LESS_SPECIFIC;
            default -> RouteLookup.Match.EXACT;
        };
    }

    /**
     * The API's table selector as bmp-app's selection (the one RESTCONF's lookup-route uses too).
     *
     * @throws IllegalArgumentException with the reason when a field is no address, RD or ID
     */
    static TableSelection selection(final TableSelector selector) {
        final var router = selector.hasRouter() ? selector.getRouter() : null;
        PeerKey peer = null;
        if (selector.hasPeer()) {
            final var ref = selector.getPeer();
            peer = new PeerKey(ref.getType(), ref.getDistinguisher().isEmpty() ? 0
                : RouteNames.parseDistinguisher(ref.getDistinguisher()), RouteNames.address(ref.getAddress()),
                bgpId(ref.getBgpId()));
        }
        return new TableSelection(
            router == null || router.getAddress().isEmpty() ? null : RouteNames.address(router.getAddress()),
            router == null || router.getPort() == 0 ? null : router.getPort(),
            selector.getPeerAddress().isEmpty() ? null : RouteNames.address(selector.getPeerAddress()),
            peer, Convert.storeRib(selector.getRib()),
            selector.hasFamily() ? new AfiSafi(selector.getFamily().getAfi(), selector.getFamily().getSafi()) : null);
    }

    private static int bgpId(final String text) {
        final var address = RouteNames.address(text).getAddress();
        if (address.length != 4) {
            throw new IllegalArgumentException("a BGP identifier is a dotted quad, not " + text);
        }
        return (address[0] & 0xFF) << 24 | (address[1] & 0xFF) << 16 | (address[2] & 0xFF) << 8 | address[3] & 0xFF;
    }

    @Override
    public void dump(final DumpRequest request, final StreamObserver<RouteBatch> response) {
        if (!(response instanceof ServerCallStreamObserver<RouteBatch> call)) {
            response.onError(Status.INTERNAL.withDescription("not a server stream").asRuntimeException());
            return;
        }
        final List<Picked> picked;
        try {
            picked = selection(request.getTables()).select(tables, null);
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        final var readiness = Readiness.of(call);
        if (!dumping.tryAcquire()) {
            call.onError(Status.RESOURCE_EXHAUSTED.withDescription("already " + MAX_DUMPS + " dumps running; try"
                + " again when one has ended").asRuntimeException());
            return;
        }
        // Off the call's own thread: gRPC delivers onReady on it, which a dump waiting for its client needs.
        try {
            dumps.execute(() -> {
                try {
                    stream(request, picked, call, readiness);
                } finally {
                    dumping.release();
                }
            });
        } catch (RejectedExecutionException e) {
            dumping.release();
            call.onError(Status.UNAVAILABLE.withDescription("server stopping").asRuntimeException());
        }
    }

    @Override
    public void observeRib(final ObserveRibRequest request, final StreamObserver<RibUpdate> response) {
        if (!(response instanceof ServerCallStreamObserver<RibUpdate> call)) {
            response.onError(Status.INTERNAL.withDescription("not a server stream").asRuntimeException());
            return;
        }
        final TableSelection selection;
        try {
            selection = selection(request.getTables());
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        if (!observing.tryAcquire()) {
            call.onError(Status.RESOURCE_EXHAUSTED.withDescription("already " + MAX_OBSERVERS + " RIB observations"
                + " open; try again when one has ended").asRuntimeException());
            return;
        }
        final var observer = new RibObserver(tables, selection, call, bus, request.getBuffer() == 0
            ? RibObserver.DEFAULT_BUFFER : Math.min(RibObserver.MAX_BUFFER, request.getBuffer()));
        try {
            dumps.execute(() -> {
                try {
                    observer.run();
                } finally {
                    observing.release();
                }
            });
        } catch (RejectedExecutionException e) {
            observer.cancel();
            observing.release();
            call.onError(Status.UNAVAILABLE.withDescription("server stopping").asRuntimeException());
        }
    }

    /** A Dump's filters on the routes; what it leaves empty (0, "") matches every route. */
    private record RouteFilter(int minLength, int maxLength, int originAs, String community) {
        RouteFilter(final DumpRequest request) {
            this(request.getMinLength(), request.getMaxLength(), request.getOriginAs(), request.getCommunity());
        }

        boolean lengthOk(final int length) {
            return (minLength == 0 || length >= minLength) && (maxLength == 0 || length <= maxLength);
        }

        /** Whether the route's attributes pass (decoding them, through the view's cache, only when asked to). */
        boolean attributesOk(final RouteView view, final io.bmpfleet.rib.AttributeSet set, final AfiSafi family) {
            if (originAs == 0 && community.isEmpty()) {
                return true;
            }
            final var attributes = view.attributes(set, family);
            return (originAs == 0 || attributes.getOriginAs() == originAs)
                && (community.isEmpty() || attributes.getCommunitiesList().contains(community));
        }
    }

    private void stream(final DumpRequest request, final List<Picked> picked,
            final ServerCallStreamObserver<RouteBatch> call, final Readiness readiness) {
        if (request.getPacked()) {
            streamPacked(request, picked, call, readiness);
            return;
        }
        final var view = new RouteView();
        final var batch = RouteBatch.newBuilder();
        final var filter = new RouteFilter(request);
        final boolean share = request.getShareAttributes();
        // With share_attributes: each set's id in this stream (sent once, in the batch that first needs it), per
        // family since an attribute set's next hop depends on the family of the route.
        final var sets = new HashMap<AfiSafi, SetIds>();
        int lastSet = 0;
        for (var pick : picked) {
            final var table = pick.table().key();
            // One table at a time out of the store (its read lock is taken per chunk), then out to the client as
            // fast as it reads: the server never holds more than one table's route references for a client, and
            // never waits for a client under a table's lock.
            final var routes = new ArrayList<io.bmpfleet.rib.Route>(pick.table().size());
            pick.table().forEach(route -> {
                if (filter.lengthOk(route.key().prefix().length())) {
                    routes.add(route);
                }
            });
            if (share) {
                // One table per batch: send the last table's rest, then name this one.
                if (batch.getRoutesCount() > 0 && !send(call, readiness, batch)) {
                    return;
                }
                batch.clear();
                RouteView.table(batch, pick.router(), table);
            }
            final var ofFamily = sets.computeIfAbsent(table.afiSafi(), f -> new SetIds());
            for (var route : routes) {
                if (!filter.attributesOk(view, route.attributes(), table.afiSafi())) {
                    continue;
                }
                if (share) {
                    int id = ofFamily.get(route.attributes());
                    if (id == 0) {
                        id = ++lastSet;
                        ofFamily.put(route.attributes(), id);
                        batch.putAttributeSets(id, RouteView.decode(route.attributes(), table.afiSafi()));
                    }
                    batch.addRoutes(RouteView.route(route, id));
                } else {
                    batch.addRoutes(view.route(pick.router(), table, route));
                }
                if (batch.getRoutesCount() == BATCH) {
                    if (!send(call, readiness, batch)) {
                        return;
                    }
                    batch.clearRoutes().clearAttributeSets();
                }
            }
        }
        if (batch.getRoutesCount() > 0 && !send(call, readiness, batch)) {
            return;
        }
        call.onCompleted();
    }

    /**
     * A packed dump: the table's routes come out of the store chunk by chunk as primitives and go out as columns,
     * with no object per route on either side.
     */
    private static void streamPacked(final DumpRequest request, final List<Picked> picked,
            final ServerCallStreamObserver<RouteBatch> call, final Readiness readiness) {
        final var view = new RouteView();
        final var filter = new RouteFilter(request);
        // Per family: one attribute set serves an UPDATE's IPv4 routes (NEXT_HOP) and its others (MP_REACH_NLRI).
        final var sets = new HashMap<AfiSafi, SetIds>();
        int lastSet = 0;
        final var chunk = new io.bmpfleet.rib.RouteTable.Chunk();
        final var packed = new PackedBatch(BATCH);
        final var batch = RouteBatch.newBuilder();
        for (var pick : picked) {
            final var family = pick.table().key().afiSafi();
            final var ofFamily = sets.computeIfAbsent(family, f -> new SetIds());
            batch.clear();
            RouteView.table(batch, pick.router(), pick.table().key());
            chunk.reset();
            while (pick.table().next(chunk)) {
                // The sets' slots first, then the routes: the cache misses of a chunk overlap.
                ofFamily.prefetch(chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    final int length = chunk.length(i);
                    final var set = chunk.attributes(i);
                    if (!filter.lengthOk(length) || !filter.attributesOk(view, set, family)) {
                        continue;
                    }
                    int id = ofFamily.idAt(set, i);
                    if (id == 0) {
                        id = ++lastSet;
                        ofFamily.put(set, id);
                        packed.newSet(RouteView.decode(set, family));
                    }
                    packed.add(family, chunk.high(i), chunk.low(i), length, chunk.pathId(i), chunk.rd(i), id);
                    if (packed.isFull()) {
                        packed.drainTo(batch);
                        if (!send(call, readiness, batch)) {
                            return;
                        }
                        batch.clearPacked();
                    }
                }
            }
            if (packed.size() > 0) {
                packed.drainTo(batch);
                if (!send(call, readiness, batch)) {
                    return;
                }
            }
        }
        call.onCompleted();
    }

    /**
     * Sends a batch once the client can take it; ends the call when the client read nothing for too long.
     *
     * @return false when the call ended (or the client went away)
     */
    private static boolean send(final ServerCallStreamObserver<RouteBatch> call, final Readiness readiness,
            final RouteBatch.Builder batch) {
        try {
            if (!call.isReady() && !readiness.awaitReady(call, STALLED_MS)) {
                if (!call.isCancelled()) {
                    call.onError(Status.DEADLINE_EXCEEDED.withDescription("the client read nothing for "
                        + STALLED_MS / 1000 + " s; the dump is stopped").asRuntimeException());
                }
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.onError(Status.CANCELLED.withDescription("server stopping").asRuntimeException());
            return false;
        }
        call.onNext(batch.build());
        return true;
    }
}
