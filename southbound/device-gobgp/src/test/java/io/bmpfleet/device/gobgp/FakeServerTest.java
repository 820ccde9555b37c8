/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static io.bmpfleet.device.gobgp.Intents.active;
import static io.bmpfleet.device.gobgp.Intents.intent;
import static io.bmpfleet.device.gobgp.Intents.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import io.bmpfleet.device.DeviceDriver.Mode;
import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.gobgp.apipb.AddBmpRequest;
import io.bmpfleet.device.gobgp.apipb.DeleteBmpRequest;
import io.bmpfleet.device.gobgp.apipb.GobgpApiGrpc;
import io.bmpfleet.device.gobgp.apipb.ListBmpRequest;
import io.bmpfleet.device.gobgp.apipb.ListBmpResponse;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver against gRPC servers the test plays on loopback: a GoBGP 3 that refuses one station (for the restore
 * after a failed push), a GoBGP 4 that serves only {@code api.GoBgpService/ListBmp}, and a server that is no GoBGP.
 */
class FakeServerTest {
    private final GobgpDriver driver = new GobgpDriver();
    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        driver.close();
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Endpoint serve(final BindableService... services) throws IOException {
        final var builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        for (var service : services) {
            builder.addService(service);
        }
        server = builder.build().start();
        return new Endpoint("127.0.0.1", server.getPort(), null, null, null, null);
    }

    @Test
    void failedPushRestoresWhatWasThere() throws IOException, DeviceException {
        final var gobgp = new FakeGobgp3(Set.of("127.0.0.1:2002"));
        final Endpoint endpoint = serve(gobgp);
        final var before = intent(List.of(active(1, "127.0.0.1", 2001)),
            List.of(target("A", List.of(1), Intents.PRE, null)));
        driver.sync(endpoint, before, Mode.APPLY);
        assertEquals(Map.of("127.0.0.1:2001", "PRE/0"), gobgp.stations);

        // Station 1 changes (delete + add), station 2 is new and refused: both are undone.
        final var after = intent(List.of(active(1, "127.0.0.1", 2001), active(2, "127.0.0.1", 2002)),
            List.of(target("A", List.of(1, 2), Intents.POST, 20_000L)));
        final var error = assertThrows(DeviceException.class, () -> driver.sync(endpoint, after, Mode.APPLY));
        assertEquals(Kind.REJECTED, error.kind());
        assertEquals("127.0.0.1:" + endpoint.port() + ": AddBmp address=127.0.0.1 port=2002 policy=POST "
            + "statistics-timeout=20: UNKNOWN: bmp client 127.0.0.1:2002 is refused by the test; restored the "
            + "previous stations", error.getMessage());
        assertEquals(Map.of("127.0.0.1:2001", "PRE/0"), gobgp.stations);
        assertEquals(List.of("add 127.0.0.1:2001", "del 127.0.0.1:2001", "add 127.0.0.1:2001",
            "add 127.0.0.1:2002", "del 127.0.0.1:2001", "add 127.0.0.1:2001"), gobgp.calls);

        // The driver still knows station 1's settings: the old intent is in sync.
        assertTrue(driver.sync(endpoint, before, Mode.CHECK).wasInSync());
    }

    @Test
    void gobgp4IsRefused() throws IOException {
        final Endpoint endpoint = serve(new FakeGobgp4());
        final var error = assertThrows(DeviceException.class,
            () -> driver.sync(endpoint, Intents.empty(), Mode.CHECK));
        assertEquals(Kind.PROTOCOL, error.kind());
        assertTrue(error.getMessage().contains("is GoBGP 4.x"), error.getMessage());
        assertTrue(error.getMessage().contains("GoBGP 4 is not supported"), error.getMessage());
    }

    @Test
    void otherServerIsNoGobgp() throws IOException {
        final Endpoint endpoint = serve();
        final var error = assertThrows(DeviceException.class,
            () -> driver.sync(endpoint, Intents.empty(), Mode.CHECK));
        assertEquals(Kind.PROTOCOL, error.kind());
        assertTrue(error.getMessage().contains("not a GoBGP API"), error.getMessage());
    }

    /** GoBGP 3's BMP calls over a map, refusing the stations it is told to. */
    private static final class FakeGobgp3 extends GobgpApiGrpc.GobgpApiImplBase {
        final Map<String, String> stations = new TreeMap<>();
        final List<String> calls = new ArrayList<>();
        private final Set<String> refused;

        FakeGobgp3(final Set<String> refused) {
            this.refused = refused;
        }

        @Override
        public synchronized void addBmp(final AddBmpRequest request, final StreamObserver<Empty> response) {
            final String key = request.getAddress() + ":" + request.getPort();
            calls.add("add " + key);
            if (refused.contains(key)) {
                response.onError(Status.UNKNOWN.withDescription("bmp client " + key + " is refused by the test")
                    .asRuntimeException());
            } else if (stations.putIfAbsent(key, request.getPolicy() + "/" + request.getStatisticsTimeout())
                    != null) {
                response.onError(Status.UNKNOWN.withDescription("bmp client " + key + " is already configured")
                    .asRuntimeException());
            } else {
                response.onNext(Empty.getDefaultInstance());
                response.onCompleted();
            }
        }

        @Override
        public synchronized void deleteBmp(final DeleteBmpRequest request, final StreamObserver<Empty> response) {
            final String key = request.getAddress() + ":" + request.getPort();
            calls.add("del " + key);
            if (stations.remove(key) == null) {
                response.onError(Status.UNKNOWN.withDescription("bmp client " + key + " isn't found")
                    .asRuntimeException());
            } else {
                response.onNext(Empty.getDefaultInstance());
                response.onCompleted();
            }
        }

        @Override
        public synchronized void listBmp(final ListBmpRequest request,
                final StreamObserver<ListBmpResponse> response) {
            for (var key : stations.keySet()) {
                final int colon = key.lastIndexOf(':');
                response.onNext(ListBmpResponse.newBuilder().setStation(ListBmpResponse.BmpStation.newBuilder()
                    .setConf(ListBmpResponse.BmpStation.Conf.newBuilder()
                        .setAddress(key.substring(0, colon))
                        .setPort(Integer.parseInt(key.substring(colon + 1)))))
                    .build());
            }
            response.onCompleted();
        }
    }

    /** Only GoBGP 4's {@code api.GoBgpService/ListBmp}, answering no station. */
    private static final class FakeGobgp4 implements BindableService {
        private static final MethodDescriptor.Marshaller<byte[]> RAW = GobgpApiClient.RawMarshaller.INSTANCE;

        @Override
        public ServerServiceDefinition bindService() {
            final var listBmp = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
                .setFullMethodName(GobgpApiClient.GOBGP4_LIST_BMP)
                .setRequestMarshaller(RAW)
                .setResponseMarshaller(RAW)
                .build();
            return ServerServiceDefinition.builder("api.GoBgpService")
                .addMethod(listBmp, ServerCalls.asyncServerStreamingCall(
                    (final byte[] request, final StreamObserver<byte[]> response) -> response.onCompleted()))
                .build();
        }
    }
}
