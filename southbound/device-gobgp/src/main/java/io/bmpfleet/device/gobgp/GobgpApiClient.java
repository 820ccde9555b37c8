/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static java.util.Objects.requireNonNull;

import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import io.bmpfleet.device.gobgp.apipb.DeleteBmpRequest;
import io.bmpfleet.device.gobgp.apipb.GobgpApiGrpc;
import io.bmpfleet.device.gobgp.apipb.GobgpApiGrpc.GobgpApiBlockingStub;
import io.bmpfleet.device.gobgp.apipb.ListBmpRequest;
import io.bmpfleet.device.gobgp.apipb.ListBmpResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The three BMP calls of GoBGP 3.x's {@code apipb.GobgpApi}, each with a deadline, their failures turned into
 * {@link DeviceException}s.
 */
final class GobgpApiClient {
    /**
     * GoBGP 4.x's name of the same call. A 4.x server does not serve {@code apipb.GobgpApi}; it is recognised by
     * answering this one, and is never sent 3.x's messages, whose enum numbers mean other things there.
     */
    static final String GOBGP4_LIST_BMP = "api.GoBgpService/ListBmp";

    private static final MethodDescriptor<byte[], byte[]> GOBGP4_PROBE =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodType.SERVER_STREAMING)
            .setFullMethodName(GOBGP4_LIST_BMP)
            .setRequestMarshaller(RawMarshaller.INSTANCE)
            .setResponseMarshaller(RawMarshaller.INSTANCE)
            .build();

    private final Channel channel;
    private final String device;
    private final Duration deadline;

    /**
     * A client of one gobgpd.
     *
     * @param channel the channel to its API
     * @param device how to name the device in messages ({@code host:port})
     * @param deadline how long each call may take
     */
    GobgpApiClient(final Channel channel, final String device, final Duration deadline) {
        this.channel = requireNonNull(channel);
        this.device = requireNonNull(device);
        this.deadline = requireNonNull(deadline);
    }

    /**
     * ListBmp: the stations gobgpd has.
     *
     * @return their addresses, in gobgpd's order
     * @throws DeviceException if the call fails, or the server is not GoBGP 3.x
     */
    List<StationAddress> listBmp() throws DeviceException {
        final var stations = new ArrayList<StationAddress>();
        try {
            final Iterator<ListBmpResponse> responses = stub().listBmp(ListBmpRequest.getDefaultInstance());
            while (responses.hasNext()) {
                final var conf = responses.next().getStation().getConf();
                stations.add(new StationAddress(conf.getAddress(), conf.getPort()));
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                throw notGobgp3(e);
            }
            throw failure("ListBmp", e);
        }
        return stations;
    }

    /**
     * AddBmp.
     *
     * @param config the station and its settings
     * @throws DeviceException if gobgpd refuses or cannot be reached
     */
    void addBmp(final StationConfig config) throws DeviceException {
        try {
            stub().addBmp(config.toRequest());
        } catch (StatusRuntimeException e) {
            throw failure(config.addLine(), e);
        }
    }

    /**
     * DeleteBmp.
     *
     * @param station the station
     * @throws DeviceException if gobgpd refuses or cannot be reached
     */
    void deleteBmp(final StationAddress station) throws DeviceException {
        try {
            stub().deleteBmp(DeleteBmpRequest.newBuilder()
                .setAddress(station.address())
                .setPort(station.port())
                .build());
        } catch (StatusRuntimeException e) {
            throw failure(station.deleteLine(), e);
        }
    }

    private GobgpApiBlockingStub stub() {
        return GobgpApiGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The server has no {@code apipb.GobgpApi/ListBmp}: find out whether it is GoBGP 4, which is refused by name.
     */
    private DeviceException notGobgp3(final StatusRuntimeException unimplemented) {
        final Status probe = probeGobgp4();
        if (probe.getCode() == Status.Code.UNIMPLEMENTED) {
            return new DeviceException(Kind.PROTOCOL, device + " serves neither GoBGP 3.x's apipb.GobgpApi nor "
                + "GoBGP 4.x's api.GoBgpService: not a GoBGP API (" + describe(unimplemented.getStatus()) + ")",
                unimplemented);
        }
        if (probe.getCode() == Status.Code.UNAVAILABLE || probe.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return failure("ListBmp", unimplemented);
        }
        return new DeviceException(Kind.PROTOCOL, device + " is GoBGP 4.x (it serves " + GOBGP4_LIST_BMP
            + ", not apipb.GobgpApi): GoBGP 4 is not supported, this driver speaks GoBGP 3.x's API only",
            unimplemented);
    }

    /**
     * Calls GoBGP 4's ListBmp with an empty request, reading the answer as raw bytes.
     *
     * @return OK or the status it failed with
     */
    private Status probeGobgp4() {
        try {
            final Iterator<byte[]> answers = ClientCalls.blockingServerStreamingCall(channel, GOBGP4_PROBE,
                CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS), new byte[0]);
            while (answers.hasNext()) {
                answers.next();
            }
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    private DeviceException failure(final String call, final StatusRuntimeException cause) {
        final Status status = cause.getStatus();
        final Kind kind = switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> Kind.UNREACHABLE;
            default -> Kind.REJECTED;
        };
        return new DeviceException(kind, device + ": " + call + ": " + describe(status), cause);
    }

    private static String describe(final Status status) {
        final var text = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            text.append(": ").append(status.getDescription());
        }
        if (status.getCause() != null && status.getCause().getMessage() != null) {
            text.append(" (").append(status.getCause().getMessage()).append(')');
        }
        return text.toString();
    }

    /** Bytes as they are: the GoBGP 4 probe neither sends nor reads a message it would have to know. */
    enum RawMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(final byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(final InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
