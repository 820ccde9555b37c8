/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.app.credentials.CredentialStore;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.intent.IntentValidator;
import io.bmpfleet.app.monitoring.RouterStateMapper;
import io.bmpfleet.app.routes.RouteNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.ExportSnapshot;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.ExportSnapshotInput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.ExportSnapshotOutput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.ExportSnapshotOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Export;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.export.Kafka;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.export.KafkaBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.export.kafka.Topic;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.export.kafka.TopicBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Kafka export as the intent's {@code export/kafka} says: a {@link KafkaPipeline} while it is enabled, a
 * new one when its settings change (the producer's settings are fixed for its life); publishes its state to
 * {@code bmpfleet-state/export/kafka} every second, and offers the {@code export-snapshot} RPC. {@link #close}
 * stops the export and removes its state and its RPC.
 */
@Component(service = { })
public final class KafkaExport implements DataTreeChangeListener<org.opendaylight.yang.gen.v1.urn.bmpfleet.yang
        .intent.rev261122.bmpfleet.export.Kafka>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaExport.class);
    private static final InstanceIdentifier<org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet
        .export.Kafka> CONFIG = InstanceIdentifier.create(Bmpfleet.class).child(Export.class)
            .child(org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.export.Kafka.class);
    private static final InstanceIdentifier<Kafka> STATE = InstanceIdentifier.create(BmpfleetState.class)
        .child(org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Export.class)
        .child(Kafka.class);
    private static final Duration PUBLISH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(10);

    private final DataBroker broker;
    private final EventBus bus;
    private final RouteTables tables;
    private final CredentialStore credentials;
    private final Function<Properties, Producer<byte[], byte[]>> producers;
    private final Registration registration;
    private final Registration rpc;
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("bmpfleet-kafka-state-%d").setDaemon(true).build());
    private KafkaPipeline pipeline;
    // Why the enabled settings cannot run, when they cannot (state failed), else null.
    private String settingsError;
    private Instant settingsErrorTime;
    private boolean published;

    @Activate
    public KafkaExport(@Reference final DataBroker broker, @Reference final RpcProviderService rpcProvider,
            @Reference final EventBus bus, @Reference final RouteTables tables,
            @Reference final CredentialStore credentials) {
        this(broker, rpcProvider, bus, tables, credentials, KafkaPipeline::kafkaProducer);
    }

    /**
     * Follows the intent's export/kafka.
     *
     * @param broker the data broker
     * @param rpcProvider where the export-snapshot RPC is offered
     * @param bus the collector's events
     * @param tables the RIB
     * @param credentials where SASL passwords are kept
     * @param producers makes the Kafka producer
     */
    public KafkaExport(final DataBroker broker, final RpcProviderService rpcProvider, final EventBus bus,
            final RouteTables tables, final CredentialStore credentials,
            final Function<Properties, Producer<byte[], byte[]>> producers) {
        this.broker = broker;
        this.bus = bus;
        this.tables = tables;
        this.credentials = credentials;
        this.producers = producers;
        rpc = rpcProvider.registerRpcImplementation((ExportSnapshot) this::exportSnapshot);
        registration = broker.registerTreeChangeListener(
            DataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, CONFIG), this);
        publisher.scheduleWithFixedDelay(this::publish, PUBLISH_INTERVAL.toMillis(), PUBLISH_INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    @Override
    public void onInitialData() {
        apply(null);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<org.opendaylight.yang.gen.v1.urn.bmpfleet.yang
            .intent.rev261122.bmpfleet.export.Kafka>> changes) {
        apply(changes.get(changes.size() - 1).getRootNode().dataAfter());
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private synchronized void apply(final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet
            .export.Kafka config) {
        final Optional<KafkaSettings> settings;
        Properties properties = null;
        try {
            settings = KafkaSettings.of(config);
            if (settings.isPresent()) {
                properties = settings.orElseThrow().producerProperties(credentials::lookup);
            }
        } catch (IllegalArgumentException e) {
            stop();
            settingsError = e.getMessage();
            settingsErrorTime = Instant.now();
            LOG.error("Kafka export not started: {}", e.getMessage());
            return;
        }
        settingsError = null;
        if (pipeline != null && settings.isPresent() && pipeline.settings().equals(settings.orElseThrow())) {
            return;
        }
        // A first export, or one with new settings: the RIB as it is goes out first, so consumers start whole.
        stop();
        if (settings.isPresent()) {
            pipeline = new KafkaPipeline(settings.orElseThrow(), properties, bus, tables, producers,
                settings.orElseThrow().snapshotAfterGap());
        }
    }

    private void stop() {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
    }

    private ListenableFuture<RpcResult<ExportSnapshotOutput>> exportSnapshot(final ExportSnapshotInput input) {
        final KafkaPipeline running;
        final String whyNot;
        synchronized (this) {
            running = pipeline;
            whyNot = settingsError;
        }
        if (running == null) {
            return RpcResultBuilder.<ExportSnapshotOutput>failed().withError(ErrorType.APPLICATION,
                ErrorTag.OPERATION_FAILED, "the Kafka export is not running (export kafka enabled is false"
                + (whyNot == null ? ")" : ", or its settings cannot work: " + whyNot + ")"))
                .buildFuture();
        }
        final var router = input.getRouter() == null ? null
            : RouteNames.address(IntentValidator.addressText(input.getRouter(), null));
        final SettableFuture<RpcResult<ExportSnapshotOutput>> answer = SettableFuture.create();
        running.snapshot(router).orTimeout(SNAPSHOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .whenComplete((result, error) -> {
                if (error == null) {
                    answer.set(RpcResultBuilder.success(new ExportSnapshotOutputBuilder()
                        .setRouters(Uint32.valueOf(result.routers())).setRoutes(Uint64.valueOf(result.routes()))
                        .build()).build());
                } else {
                    final Throwable cause = error.getCause() != null ? error.getCause() : error;
                    answer.set(RpcResultBuilder.<ExportSnapshotOutput>failed().withError(ErrorType.APPLICATION,
                        ErrorTag.OPERATION_FAILED, cause instanceof TimeoutException ? "the snapshot did not end in "
                            + SNAPSHOT_TIMEOUT.toMinutes() + " minutes" : String.valueOf(cause.getMessage()))
                        .build());
                }
            });
        return answer;
    }

    /** One state round; nothing may escape, or the rounds would stop. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void publish() {
        try {
            final Kafka state = state();
            final var tx = broker.newWriteOnlyTransaction();
            tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, STATE, state);
            tx.commit().get(30, TimeUnit.SECONDS);
            published = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Kafka export state not written", e);
        }
    }

    /**
     * The export's state now.
     *
     * @return the state as the model has it
     */
    synchronized Kafka state() {
        final var builder = new KafkaBuilder();
        if (pipeline == null) {
            builder.setState(settingsError == null ? Kafka.State.Stopped : Kafka.State.Failed);
            if (settingsError != null) {
                builder.setLastError(settingsError).setLastErrorTime(time(settingsErrorTime));
            }
            return builder.build();
        }
        final var status = pipeline.status();
        builder.setState(switch (status.state()) {
            case CONNECTED -> Kafka.State.Connected;
            case DISCONNECTED -> Kafka.State.Disconnected;
            case FAILED -> Kafka.State.Failed;
            default -> Kafka.State.Connecting;
        });
        if (status.lastError() != null) {
            builder.setLastError(status.lastError()).setLastErrorTime(time(status.lastErrorTime()));
        }
        builder.setBufferedBytes(Uint64.valueOf(status.bufferedBytes()))
            .setGaps(counter(status.gaps()))
            .setSnapshots(counter(status.snapshots()))
            .setSnapshotRoutes(counter(status.snapshotRoutes()))
            .setEventsMissed(counter(status.eventsMissed()));
        final var topics = new ArrayList<Topic>();
        status.topics().forEach((name, figures) -> {
            final var topic = new TopicBuilder().setName(name)
                .setMessagesSent(counter(figures.messagesSent()))
                .setBytesSent(counter(figures.bytesSent()))
                .setRecordsSent(counter(figures.recordsSent()))
                .setDropped(counter(figures.dropped()));
            if (figures.lastError() != null) {
                topic.setLastError(figures.lastError());
            }
            topics.add(topic.build());
        });
        return builder.setTopic(topics.isEmpty() ? null : topics.stream().collect(
            java.util.stream.Collectors.toMap(Topic::key, topic -> topic))).build();
    }

    private static Counter64 counter(final long value) {
        return new Counter64(Uint64.valueOf(value));
    }

    private static DateAndTime time(final Instant instant) {
        return RouterStateMapper.time(instant);
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
        rpc.close();
        publisher.shutdownNow();
        try {
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            stop();
        }
        if (published) {
            final var tx = broker.newWriteOnlyTransaction();
            tx.delete(LogicalDatastoreType.OPERATIONAL, STATE);
            try {
                tx.commit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Kafka export state not removed", e);
            }
        }
    }
}
