/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.bmpfleet.app.push.DeviceReconciler;
import io.bmpfleet.app.push.IntentCompiler;
import io.bmpfleet.grpc.v1.DeviceStatus;
import io.bmpfleet.grpc.v1.DevicesGrpc;
import io.bmpfleet.grpc.v1.Item;
import io.bmpfleet.grpc.v1.ListDevicesRequest;
import io.bmpfleet.grpc.v1.ListDevicesResponse;
import io.bmpfleet.grpc.v1.RenderRequest;
import io.bmpfleet.grpc.v1.RenderResponse;
import io.bmpfleet.grpc.v1.SyncRequest;
import io.bmpfleet.grpc.v1.SyncResponse;
import io.bmpfleet.grpc.v1.SyncResult;
import io.bmpfleet.grpc.v1.WatchDevicesRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * {@code bmpfleet.v1.Devices}: the device status as {@code bmpfleet-state} holds it, and the reconciler's push,
 * check and dry run, the same as RESTCONF's sync-device, check-sync and render-device.
 */
final class DevicesApi extends DevicesGrpc.DevicesImplBase {
    private static final long LIMIT_SECONDS = 120;
    private static final int MAX_UNREAD = 1000;

    private final DataBroker broker;
    private final DeviceReconciler reconciler;

    DevicesApi(final DataBroker broker, final DeviceReconciler reconciler) {
        this.broker = broker;
        this.reconciler = reconciler;
    }

    @Override
    public void listDevices(final ListDevicesRequest request, final StreamObserver<ListDevicesResponse> response) {
        final List<org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device> devices;
        try (var tx = broker.newReadOnlyTransaction()) {
            devices = tx.read(LogicalDatastoreType.OPERATIONAL, InstanceIdentifier.create(BmpfleetState.class))
                .get(10, TimeUnit.SECONDS).map(s -> List.copyOf(s.nonnullDevice().values())).orElse(List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(Status.CANCELLED.asRuntimeException());
            return;
        } catch (ExecutionException | TimeoutException e) {
            response.onError(Status.UNAVAILABLE.withDescription("cannot read the device status: " + e.getMessage())
                .asRuntimeException());
            return;
        }
        final var out = ListDevicesResponse.newBuilder();
        devices.stream().sorted(Comparator.comparing(d -> d.getName())).map(DevicesApi::device)
            .forEach(out::addDevices);
        response.onNext(out.build());
        response.onCompleted();
    }

    @Override
    public void watchDevices(final WatchDevicesRequest request, final StreamObserver<DeviceStatus> response) {
        if (!(response instanceof ServerCallStreamObserver<DeviceStatus> call)) {
            response.onError(Status.INTERNAL.withDescription("not a server stream").asRuntimeException());
            return;
        }
        final var watch = new Watch(call, request.getDevice());
        watch.registration = broker.registerTreeChangeListener(DataTreeIdentifier.of(LogicalDatastoreType.OPERATIONAL,
            InstanceIdentifier.create(BmpfleetState.class).child(
                org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device.class)), watch);
        call.setOnCancelHandler(watch::close);
    }

    /** One WatchDevices stream: the datastore's changes of the device list, as they come. */
    private static final class Watch implements DataTreeChangeListener<
            org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device> {
        private final ServerCallStreamObserver<DeviceStatus> call;
        private final String device;
        private volatile Registration registration;
        // Messages handed to gRPC while the client could not take them: bounded, then the stream ends.
        private int unread;
        private boolean closed;

        Watch(final ServerCallStreamObserver<DeviceStatus> call, final String device) {
            this.call = call;
            this.device = device;
        }

        @Override
        public synchronized void onDataTreeChanged(final List<DataTreeModification<
                org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device>> changes) {
            for (var change : changes) {
                final var root = change.getRootNode();
                final var after = root.dataAfter();
                final var status = after != null ? device(after) : DeviceStatus.newBuilder()
                    .setName(root.dataBefore() == null ? "" : root.dataBefore().getName()).setSyncStatus("removed")
                    .build();
                if (closed || !device.isEmpty() && !device.equals(status.getName())) {
                    continue;
                }
                unread = call.isReady() ? 0 : unread + 1;
                if (unread > MAX_UNREAD) {
                    closed = true;
                    call.onError(Status.RESOURCE_EXHAUSTED.withDescription("the client read none of the last "
                        + MAX_UNREAD + " device changes; watch again and read faster").asRuntimeException());
                    close();
                    return;
                }
                call.onNext(status);
            }
        }

        synchronized void close() {
            closed = true;
            final var current = registration;
            if (current != null) {
                current.close();
            }
        }
    }

    private static DeviceStatus device(
            final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device device) {
        final var out = DeviceStatus.newBuilder()
            .setName(device.getName())
            .setPlatform(device.getPlatform() == null ? "" : IntentCompiler.platformName(device.getPlatform()))
            .setSyncStatus(device.getSyncStatus() == null ? "" : device.getSyncStatus().getName())
            .setLastError(Convert.nonNull(device.getLastError()))
            .setAttempts(device.getAttempts() == null ? 0 : device.getAttempts().intValue())
            .setRenderedConfig(Convert.nonNull(device.getRenderedConfig()))
            .setDeviceConfig(Convert.nonNull(device.getDeviceConfig()))
            .setDriftRepairs(device.getDriftRepairs() == null ? 0 : device.getDriftRepairs().intValue())
            .setHostKey(Convert.nonNull(device.getHostKey()));
        if (device.getLastAttempt() != null) {
            out.setLastAttempt(Convert.timestamp(device.getLastAttempt()));
        }
        if (device.getLastSuccess() != null) {
            out.setLastSuccess(Convert.timestamp(device.getLastSuccess()));
        }
        if (device.getNextAttempt() != null) {
            out.setNextAttempt(Convert.timestamp(device.getNextAttempt()));
        }
        if (device.getLastChange() != null) {
            out.addAllLastChange(device.getLastChange());
        }
        if (device.getRouter() != null) {
            device.getRouter().stream().sorted().forEach(out::addRouters);
        }
        device.nonnullMissing().values().forEach(m -> out.addMissing(item(m.getItem(), m.getReason())));
        device.nonnullUnasked().values().forEach(u -> out.addUnasked(item(u.getItem(), u.getReason())));
        device.nonnullUnsupportedItem().values().forEach(u -> out.addUnsupported(item(u.getItem(), u.getReason())));
        return out.build();
    }

    private static Item item(final String item, final String reason) {
        return Item.newBuilder().setItem(Convert.nonNull(item)).setReason(Convert.nonNull(reason)).build();
    }

    @Override
    public void sync(final SyncRequest request, final StreamObserver<SyncResponse> response) {
        answer(request, false, response);
    }

    @Override
    public void checkSync(final SyncRequest request, final StreamObserver<SyncResponse> response) {
        answer(request, true, response);
    }

    private void answer(final SyncRequest request, final boolean checkOnly,
            final StreamObserver<SyncResponse> response) {
        reconciler.request(request.getDevice().isEmpty() ? null : request.getDevice(), checkOnly)
            .orTimeout(LIMIT_SECONDS, TimeUnit.SECONDS).whenComplete((rows, e) -> {
                if (e != null) {
                    response.onError(Status.DEADLINE_EXCEEDED.withDescription("no answer from the devices within "
                        + LIMIT_SECONDS + " s").asRuntimeException());
                    return;
                }
                if (rows.isEmpty() && !request.getDevice().isEmpty()) {
                    response.onError(Status.NOT_FOUND.withDescription("no device " + request.getDevice()
                        + " in the intent").asRuntimeException());
                    return;
                }
                final var out = SyncResponse.newBuilder();
                rows.forEach(row -> out.addResults(SyncResult.newBuilder().setDevice(row.device())
                    .setSyncStatus(row.status()).addAllChanges(row.changes()).setError(Convert.nonNull(row.error()))));
                response.onNext(out.build());
                response.onCompleted();
            });
    }

    @Override
    public void render(final RenderRequest request, final StreamObserver<RenderResponse> response) {
        if (request.getDevice().isEmpty()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("render needs a device").asRuntimeException());
            return;
        }
        reconciler.render(request.getDevice()).orTimeout(LIMIT_SECONDS, TimeUnit.SECONDS)
            .whenComplete((rendering, e) -> {
                if (e != null) {
                    response.onError(Status.DEADLINE_EXCEEDED.withDescription("no answer from the device within "
                        + LIMIT_SECONDS + " s").asRuntimeException());
                    return;
                }
                if (rendering.rendered() == null && rendering.error() != null) {
                    response.onError(Status.NOT_FOUND.withDescription(rendering.error()).asRuntimeException());
                    return;
                }
                response.onNext(RenderResponse.newBuilder().setRendered(Convert.nonNull(rendering.rendered()))
                    .setDeviceConfig(Convert.nonNull(rendering.deviceConfig()))
                    .addAllChanges(rendering.changes()).setError(Convert.nonNull(rendering.error())).build());
                response.onCompleted();
            });
    }
}
