/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.grpc.v1.ListPeersRequest;
import io.bmpfleet.grpc.v1.ListPeersResponse;
import io.bmpfleet.grpc.v1.ListRoutersRequest;
import io.bmpfleet.grpc.v1.ListRoutersResponse;
import io.bmpfleet.grpc.v1.MonitoringGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Comparator;

/** {@code bmpfleet.v1.Monitoring}: the router sessions and peers as the last state round published them. */
final class MonitoringApi extends MonitoringGrpc.MonitoringImplBase {
    private final MonitoringState state;

    MonitoringApi(final MonitoringState state) {
        this.state = state;
    }

    @Override
    public void listRouters(final ListRoutersRequest request, final StreamObserver<ListRoutersResponse> response) {
        final var out = ListRoutersResponse.newBuilder();
        state.routers().stream()
            .filter(r -> request.getDevice().isEmpty() || request.getDevice().equals(r.getDevice()))
            .map(Convert::router)
            .sorted(Comparator.comparing((io.bmpfleet.grpc.v1.Router r) -> r.getRef().getAddress())
                .thenComparingInt(r -> r.getRef().getPort()))
            .forEach(out::addRouters);
        response.onNext(out.build());
        response.onCompleted();
    }

    @Override
    public void listPeers(final ListPeersRequest request, final StreamObserver<ListPeersResponse> response) {
        final var wanted = request.getRouter();
        final var router = state.routers().stream().filter(r -> Convert.ref(r).equals(wanted)).findFirst();
        if (router.isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription("no router session " + wanted.getAddress() + " port "
                + wanted.getPort() + " (ListRouters names them)").asRuntimeException());
            return;
        }
        final var out = ListPeersResponse.newBuilder();
        router.orElseThrow().nonnullPeer().values().stream().map(Convert::peer)
            .sorted(Comparator.comparing((io.bmpfleet.grpc.v1.Peer p) -> p.getRef().getAddress())
                .thenComparingInt(p -> p.getRef().getType()))
            .forEach(out::addPeers);
        response.onNext(out.build());
        response.onCompleted();
    }
}
