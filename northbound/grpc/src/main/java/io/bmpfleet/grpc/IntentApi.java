/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.bmpfleet.grpc.v1.ApplyIntentResponse;
import io.bmpfleet.grpc.v1.DeleteIntentRequest;
import io.bmpfleet.grpc.v1.DeleteIntentResponse;
import io.bmpfleet.grpc.v1.GetIntentRequest;
import io.bmpfleet.grpc.v1.IntentGrpc;
import io.bmpfleet.grpc.v1.IntentItems;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Device;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Station;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Target;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.Neighbor;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangNetconfErrorAware;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.api.schema.stream.NormalizedNodeWriter;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactorySupplier;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.codec.gson.JsonParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bmpfleet.v1.Intent}: stations, targets, devices and activations in the configuration datastore, written
 * as RESTCONF writes them: the items become the model's JSON ({@link IntentJson}), the yangtools JSON parser checks
 * types, ranges and patterns with the model's error-messages, and the commit runs bmpfleet's intent check. One
 * intent, one validation, the same words.
 */
final class IntentApi extends IntentGrpc.IntentImplBase {
    private static final YangInstanceIdentifier ROOT = YangInstanceIdentifier.of(Bmpfleet.QNAME);
    private static final long TIMEOUT_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(IntentApi.class);

    private final DOMDataBroker broker;
    private final DOMSchemaService schema;

    IntentApi(final DOMDataBroker broker, final DOMSchemaService schema) {
        this.broker = broker;
        this.schema = schema;
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void getIntent(final GetIntentRequest request, final StreamObserver<IntentItems> response) {
        try {
            read(response);
        } catch (RuntimeException e) {
            LOG.warn("GetIntent failed", e);
            response.onError(Status.INTERNAL.withDescription("cannot render the intent: " + e).asRuntimeException());
        }
    }

    private void read(final StreamObserver<IntentItems> response) {
        try (var tx = broker.newReadOnlyTransaction()) {
            final var data = tx.read(LogicalDatastoreType.CONFIGURATION, ROOT).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            response.onNext(data.isEmpty() ? IntentItems.getDefaultInstance()
                : IntentJson.items(json(data.orElseThrow())));
            response.onCompleted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(Status.CANCELLED.asRuntimeException());
        } catch (ExecutionException | TimeoutException | IOException e) {
            response.onError(Status.UNAVAILABLE.withDescription("cannot read the intent: " + e.getMessage())
                .withCause(e).asRuntimeException());
        }
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void applyIntent(final IntentItems request, final StreamObserver<ApplyIntentResponse> response) {
        final ContainerNode intent;
        try {
            intent = parse(IntentJson.document(request).toString());
        } catch (RuntimeException e) {
            // The model refuses a value: RESTCONF answers 400 with the same error-message.
            response.onError(Status.INVALID_ARGUMENT.withDescription(messages(e)).asRuntimeException());
            return;
        }
        final var tx = broker.newWriteOnlyTransaction();
        // Each item replaces the one with its key, whole: delete it, then write the new one.
        for (var child : intent.body()) {
            if (child instanceof MapNode list) {
                for (var entry : list.body()) {
                    tx.delete(LogicalDatastoreType.CONFIGURATION, ROOT.node(list.name()).node(entry.name()));
                }
            }
        }
        tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT, intent);
        if (commit(tx.commit(), response)) {
            response.onNext(ApplyIntentResponse.newBuilder().setStations(request.getStationsCount())
                .setTargets(request.getTargetsCount()).setDevices(request.getDevicesCount()).build());
            response.onCompleted();
        }
    }

    @Override
    public void deleteIntent(final DeleteIntentRequest request, final StreamObserver<DeleteIntentResponse> response) {
        final List<YangInstanceIdentifier> paths = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        try {
            for (int id : request.getStationsList()) {
                paths.add(entry(Station.QNAME, "id", Uint16.valueOf(id)));
                names.add("station " + Integer.toUnsignedString(id));
            }
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("a station id is 1 to 65535: " + e.getMessage())
                .asRuntimeException());
            return;
        }
        for (var name : request.getTargetsList()) {
            paths.add(entry(Target.QNAME, "name", name));
            names.add("target " + name);
        }
        for (var name : request.getDevicesList()) {
            paths.add(entry(Device.QNAME, "name", name));
            names.add("device " + name);
        }
        for (var activation : request.getActivationsList()) {
            paths.add(entry(Device.QNAME, "name", activation.getDevice()).node(Neighbor.QNAME).node(
                YangInstanceIdentifier.NodeIdentifierWithPredicates.of(Neighbor.QNAME,
                    QName.create(Neighbor.QNAME, "selector"), activation.getSelector())));
            names.add("neighbor " + activation.getSelector() + " of device " + activation.getDevice());
        }
        final var tx = broker.newReadWriteTransaction();
        final var missing = new LinkedHashSet<String>();
        try {
            for (int i = 0; i < paths.size(); i++) {
                if (!tx.exists(LogicalDatastoreType.CONFIGURATION, paths.get(i)).get(TIMEOUT_SECONDS,
                        TimeUnit.SECONDS)) {
                    missing.add(names.get(i));
                }
                tx.delete(LogicalDatastoreType.CONFIGURATION, paths.get(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tx.cancel();
            response.onError(Status.CANCELLED.asRuntimeException());
            return;
        } catch (ExecutionException | TimeoutException e) {
            tx.cancel();
            response.onError(Status.UNAVAILABLE.withDescription("cannot read the intent: " + e.getMessage())
                .asRuntimeException());
            return;
        }
        if (!missing.isEmpty()) {
            tx.cancel();
            response.onError(Status.NOT_FOUND.withDescription("not in the intent: " + String.join(", ", missing)
                + "; nothing was deleted").asRuntimeException());
            return;
        }
        if (commit(tx.commit(), response)) {
            response.onNext(DeleteIntentResponse.getDefaultInstance());
            response.onCompleted();
        }
    }

    private static YangInstanceIdentifier entry(final QName list, final String key, final Object value) {
        return ROOT.node(list).node(YangInstanceIdentifier.NodeIdentifierWithPredicates.of(list,
            QName.create(list, key), value));
    }

    /** Waits for a commit; on a refusal answers the call and returns false. */
    private static boolean commit(final com.google.common.util.concurrent.FluentFuture<?> commit,
            final StreamObserver<?> response) {
        try {
            commit.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(Status.CANCELLED.asRuntimeException());
        } catch (ExecutionException e) {
            // The commit check's words, as RESTCONF shows them in error-info.
            response.onError(Status.FAILED_PRECONDITION.withDescription(messages(e.getCause() == null ? e
                : e.getCause())).asRuntimeException());
        } catch (TimeoutException e) {
            response.onError(Status.DEADLINE_EXCEEDED.withDescription("the datastore did not commit within "
                + TIMEOUT_SECONDS + " s").asRuntimeException());
        }
        return false;
    }

    private ContainerNode parse(final String json) {
        final var holder = new NormalizationResultHolder();
        JsonParserStream.create(ImmutableNormalizedNodeStreamWriter.from(holder),
            JSONCodecFactorySupplier.RFC7951.getShared(schema.getGlobalContext()))
            .parse(new JsonReader(new StringReader(json)));
        final NormalizedNode data = holder.getResult().data();
        if (!(data instanceof ContainerNode container)) {
            throw new IllegalArgumentException("not an intent document");
        }
        return container;
    }

    private JsonObject json(final NormalizedNode data) throws IOException {
        final var text = new StringWriter();
        // The exclusive writer owns the JsonWriter: closing the node writer closes both.
        final var writer = JSONNormalizedNodeStreamWriter.createExclusiveWriter(
            JSONCodecFactorySupplier.RFC7951.getShared(schema.getGlobalContext()), new JsonWriter(text));
        try (var nodes = NormalizedNodeWriter.forStreamWriter(writer)) {
            nodes.write(data);
        }
        return JsonParser.parseString(text.toString()).getAsJsonObject();
    }

    /** What a refusal says: the model's or the commit check's messages, without Java's wrapping. */
    static String messages(final Throwable error) {
        final var said = new LinkedHashSet<String>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof YangNetconfErrorAware aware) {
                aware.getNetconfErrors().forEach(e -> said.add(e.message()));
            }
            if (t.getMessage() != null && t.getCause() == null) {
                said.add(t.getMessage());
            }
        }
        return said.isEmpty() ? String.valueOf(error) : String.join("; ", said);
    }
}
