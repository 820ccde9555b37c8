/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.CheckSync;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.CheckSyncInput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.CheckSyncOutput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.CheckSyncOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RenderDevice;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RenderDeviceInput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RenderDeviceOutput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RenderDeviceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SyncDevice;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SyncDeviceInput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SyncDeviceOutput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SyncDeviceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.sync.results.Result;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.sync.results.ResultBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.sync.results.ResultKey;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The {@code sync-device}, {@code check-sync} and {@code render-device} RPCs, answered by the reconciler. */
@Component(service = { })
public final class PushRpcs implements AutoCloseable {
    private static final long LIMIT_SECONDS = 120;

    private final DeviceReconciler reconciler;
    private final Registration registration;

    @Activate
    public PushRpcs(@Reference final RpcProviderService rpcProvider, @Reference final DeviceReconciler reconciler) {
        this.reconciler = reconciler;
        registration = rpcProvider.registerRpcImplementations((SyncDevice) this::syncDevice,
            (CheckSync) this::checkSync, (RenderDevice) this::renderDevice);
    }

    ListenableFuture<RpcResult<SyncDeviceOutput>> syncDevice(final SyncDeviceInput input) {
        return answer(input.getDevice() == null ? null : input.getDevice().getValue(), false,
            rows -> new SyncDeviceOutputBuilder().setResult(rows).build());
    }

    ListenableFuture<RpcResult<CheckSyncOutput>> checkSync(final CheckSyncInput input) {
        return answer(input.getDevice() == null ? null : input.getDevice().getValue(), true,
            rows -> new CheckSyncOutputBuilder().setResult(rows).build());
    }

    private <T> ListenableFuture<RpcResult<T>> answer(final String device, final boolean checkOnly,
            final java.util.function.Function<Map<ResultKey, Result>, T> output) {
        final var future = SettableFuture.<RpcResult<T>>create();
        reconciler.request(device, checkOnly).orTimeout(LIMIT_SECONDS, TimeUnit.SECONDS).whenComplete((rows, e) -> {
            if (e != null) {
                future.set(RpcResultBuilder.<T>failed().withError(ErrorType.APPLICATION,
                    "no answer from the devices within " + LIMIT_SECONDS + " s: " + e).build());
                return;
            }
            future.set(RpcResultBuilder.success(output.apply(results(rows))).build());
        });
        return future;
    }

    private static Map<ResultKey, Result> results(final List<DeviceReconciler.Row> rows) {
        return rows.stream().map(row -> new ResultBuilder().setDevice(row.device()).setSyncStatus(row.status())
            .setChange(row.changes().isEmpty() ? null : row.changes()).setError(row.error()).build())
            .collect(Collectors.toMap(Result::key, r -> r, (a, b) -> a));
    }

    ListenableFuture<RpcResult<RenderDeviceOutput>> renderDevice(final RenderDeviceInput input) {
        final var future = SettableFuture.<RpcResult<RenderDeviceOutput>>create();
        reconciler.render(input.getDevice().getValue()).orTimeout(LIMIT_SECONDS, TimeUnit.SECONDS)
            .whenComplete((rendering, e) -> {
                if (e != null) {
                    future.set(RpcResultBuilder.<RenderDeviceOutput>failed().withError(ErrorType.APPLICATION,
                        "no answer from the device within " + LIMIT_SECONDS + " s: " + e).build());
                    return;
                }
                future.set(RpcResultBuilder.success(new RenderDeviceOutputBuilder()
                    .setRenderedConfig(rendering.rendered()).setDeviceConfig(rendering.deviceConfig())
                    .setChange(rendering.changes().isEmpty() ? null : rendering.changes())
                    .setError(rendering.error()).build()).build());
            });
        return future;
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
    }
}
