/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.bmp.codec.bgp.RouteDistinguisher;
import io.bmpfleet.grpc.v1.DumpRequest;
import io.bmpfleet.grpc.v1.LookupRequest;
import io.bmpfleet.grpc.v1.LookupResponse;
import io.bmpfleet.grpc.v1.RouteBatch;
import io.bmpfleet.grpc.v1.RoutesGrpc;
import io.bmpfleet.grpc.v1.TableSelector;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.RouteTable;
import io.bmpfleet.rib.RouterId;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
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
    private static final int DEFAULT_LIMIT = 1000;
    // Routes per Dump message: one message per route costs more in framing than in routes.
    private static final int BATCH = 1024;
    private static final long READY_WAIT_MS = 1000;
    // A client that reads nothing for this long is dropped (the dump holds one table's routes meanwhile).
    private static final long STALLED_MS = TimeUnit.SECONDS.toMillis(60);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RoutesApi.class);

    private static final int MAX_DUMPS = 8;

    private final RouteTables tables;
    private final Semaphore dumping = new Semaphore(MAX_DUMPS);
    private final ExecutorService dumps = Executors.newCachedThreadPool(r -> {
        final var thread = new Thread(r, "bmpfleet-grpc-dump");
        thread.setDaemon(true);
        return thread;
    });

    RoutesApi(final RouteTables tables) {
        this.tables = tables;
    }

    @Override
    public void close() {
        dumps.shutdownNow();
    }

    /** One table the selector picked, with its router session. */
    private record Picked(RouterId router, RouteTable table) {
    }

    @Override
    public void lookup(final LookupRequest request, final StreamObserver<LookupResponse> response) {
        final Prefix prefix;
        final long rd;
        try {
            prefix = prefix(request.getPrefix());
            rd = request.getRouteDistinguisher().isEmpty() ? 0 : RouteDistinguisher.parse(
                request.getRouteDistinguisher());
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        final int limit = request.getLimit() == 0 ? DEFAULT_LIMIT : request.getLimit();
        final var view = new RouteView();
        final var out = LookupResponse.newBuilder();
        int count = 0;
        boolean truncated = false;
        final List<Picked> picked;
        try {
            picked = select(request.getTables(), prefix.isIpv6());
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        }
        for (var pick : picked) {
            final var table = pick.table();
            final List<io.bmpfleet.rib.Route> found = switch (request.getMatch()) {
                case LONGEST_PREFIX -> table.longestMatch(rd, prefix);
                case MORE_SPECIFIC -> table.moreSpecifics(rd, prefix, limit - count + 1);
                case LESS_SPECIFIC -> lessSpecifics(table, rd, prefix);
                default -> table.paths(rd, prefix);
            };
            for (var route : found) {
                if (request.getPathId() != 0 && route.key().pathId() != request.getPathId()) {
                    continue;
                }
                if (count == limit) {
                    truncated = true;
                    break;
                }
                out.addRoutes(view.route(pick.router(), table.key(), route));
                count++;
            }
            if (truncated) {
                break;
            }
        }
        response.onNext(out.setTruncated(truncated).build());
        response.onCompleted();
    }

    private static List<io.bmpfleet.rib.Route> lessSpecifics(final RouteTable table, final long rd,
            final Prefix prefix) {
        final var out = new ArrayList<io.bmpfleet.rib.Route>();
        for (int length = 0; length <= prefix.length(); length++) {
            out.addAll(table.paths(rd, prefix.truncate(length)));
        }
        return out;
    }

    @Override
    public void dump(final DumpRequest request, final StreamObserver<RouteBatch> response) {
        if (!(response instanceof ServerCallStreamObserver<RouteBatch> call)) {
            response.onError(Status.INTERNAL.withDescription("not a server stream").asRuntimeException());
            return;
        }
        final List<Picked> picked;
        try {
            picked = select(request.getTables(), null);
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        }
        final var readiness = new Readiness();
        call.setOnReadyHandler(readiness);
        call.setOnCancelHandler(readiness);
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

    private void stream(final DumpRequest request, final List<Picked> picked,
            final ServerCallStreamObserver<RouteBatch> call, final Readiness readiness) {
        final var view = new RouteView();
        final var batch = RouteBatch.newBuilder();
        final String community = request.getCommunity();
        final boolean share = request.getShareAttributes();
        // With share_attributes: each set's id in this stream (sent once, in the batch that first needs it).
        final var sets = new IdentityHashMap<io.bmpfleet.rib.AttributeSet, Integer>();
        for (var pick : picked) {
            // One table at a time out of the store (its read lock is taken per chunk), then out to the client as
            // fast as it reads: the server never holds more than one table's route references for a client.
            final var routes = new ArrayList<io.bmpfleet.rib.Route>(pick.table().size());
            pick.table().forEach(route -> {
                final int length = route.key().prefix().length();
                if ((request.getMinLength() == 0 || length >= request.getMinLength())
                        && (request.getMaxLength() == 0 || length <= request.getMaxLength())) {
                    routes.add(route);
                }
            });
            if (share) {
                // One table per batch: flush the last table's rest, name this one.
                if (batch.getRoutesCount() > 0) {
                    if (!call.isReady() && !readiness.await(call)) {
                        return;
                    }
                    call.onNext(batch.build());
                }
                batch.clear();
                RouteView.table(batch, pick.router(), pick.table().key());
            }
            for (var route : routes) {
                if (request.getOriginAs() != 0 || !community.isEmpty()) {
                    final var attributes = view.attributes(route.attributes());
                    if (request.getOriginAs() != 0 && attributes.getOriginAs() != request.getOriginAs()
                            || !community.isEmpty() && !attributes.getCommunitiesList().contains(community)) {
                        continue;
                    }
                }
                if (share) {
                    Integer id = sets.get(route.attributes());
                    if (id == null) {
                        id = sets.size() + 1;
                        sets.put(route.attributes(), id);
                        batch.putAttributeSets(id, RouteView.decode(route.attributes()));
                    }
                    batch.addRoutes(RouteView.route(route, id));
                } else {
                    batch.addRoutes(view.route(pick.router(), pick.table().key(), route));
                }
                if (batch.getRoutesCount() == BATCH) {
                    if (!call.isReady() && !readiness.await(call)) {
                        return;
                    }
                    call.onNext(batch.build());
                    batch.clearRoutes().clearAttributeSets();
                }
            }
        }
        if (batch.getRoutesCount() > 0) {
            if (!call.isReady() && !readiness.await(call)) {
                return;
            }
            call.onNext(batch.build());
        }
        call.onCompleted();
    }

    /**
     * Wakes a dump's thread when the transport can take more (gRPC's onReady) or the client went away: the dump
     * sends as fast as the client reads and waits, without polling, when it does not.
     */
    private static final class Readiness implements Runnable {
        private boolean woken;

        @Override
        public synchronized void run() {
            woken = true;
            notifyAll();
        }

        /** Waits until the client can take more; false (and the call ended) when it went away or stalled. */
        synchronized boolean await(final ServerCallStreamObserver<RouteBatch> call) {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALLED_MS);
            while (!call.isReady()) {
                if (call.isCancelled()) {
                    return false;
                }
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    call.onError(Status.DEADLINE_EXCEEDED.withDescription("the client read nothing for "
                        + STALLED_MS / 1000 + " s; the dump is stopped").asRuntimeException());
                    return false;
                }
                woken = false;
                try {
                    // Bounded: a wake-up that came before the wait costs at most one period.
                    wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, READY_WAIT_MS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    call.onError(Status.CANCELLED.withDescription("server stopping").asRuntimeException());
                    return false;
                }
                if (!woken) {
                    LOG.trace("dump waited a whole period for its client");
                }
            }
            return !call.isCancelled();
        }
    }

    /**
     * The tables a selector picks, ordered by router session, then table.
     *
     * @param selector the selector
     * @param ipv6 only IPv6 (true) or IPv4 (false) tables, or both (null)
     */
    private List<Picked> select(final TableSelector selector, final Boolean ipv6) {
        final List<RouterId> routers;
        if (selector.hasRouter()) {
            final InetAddress address;
            try {
                address = InetAddress.getByName(literal(selector.getRouter().getAddress()));
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw Status.INVALID_ARGUMENT.withDescription("router address " + selector.getRouter().getAddress()
                    + " is no IP address").withCause(e).asRuntimeException();
            }
            routers = List.of(new RouterId(address, selector.getRouter().getPort()));
        } else {
            routers = tables.routers().stream()
                .sorted(Comparator.comparing((RouterId r) -> r.address().getHostAddress()).thenComparingInt(
                    RouterId::port))
                .toList();
        }
        final var rib = Convert.storeRib(selector.getRib());
        final var out = new ArrayList<Picked>();
        for (var router : routers) {
            tables.tables(router).stream()
                .filter(t -> rib == null || t.key().rib() == rib)
                .filter(t -> ipv6 == null || t.key().afiSafi().isIpv6() == ipv6)
                .filter(t -> !selector.hasFamily() || t.key().afiSafi().afi() == selector.getFamily().getAfi()
                    && t.key().afiSafi().safi() == selector.getFamily().getSafi())
                .filter(t -> selector.getPeerAddress().isEmpty() || samePeerAddress(t, selector.getPeerAddress()))
                .filter(t -> !selector.hasPeer() || RouteView.peer(t.key().peer()).equals(selector.getPeer()))
                .sorted(Comparator.comparing((RouteTable t) -> t.key().peer().address().getHostAddress())
                    .thenComparing(t -> t.key().rib()).thenComparingInt(t -> t.key().afiSafi().afi())
                    .thenComparingInt(t -> t.key().afiSafi().safi()))
                .forEach(t -> out.add(new Picked(router, t)));
        }
        return out;
    }

    private static boolean samePeerAddress(final RouteTable table, final String address) {
        try {
            return table.key().peer().address().equals(InetAddress.getByName(literal(address)));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }

    /** An address literal (never a name to resolve). */
    private static String literal(final String text) {
        if (text.isEmpty() || !(text.indexOf(':') >= 0 || text.chars().allMatch(c -> c == '.'
                || Character.isDigit(c)))) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        return text;
    }

    private static Prefix prefix(final String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a prefix is needed, e.g. 10.0.0.0/8 or 2001:db8::/32");
        }
        try {
            return Prefix.parse(text.indexOf('/') >= 0 ? text : text + (text.indexOf(':') >= 0 ? "/128" : "/32"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a prefix: " + text + " (" + e.getMessage() + ")", e);
        }
    }
}
