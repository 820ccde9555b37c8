/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.monitoring;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.bmpfleet.app.api.BmpSessions;
import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.app.api.RouteTables;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.RouterKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.SummaryBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.summary.Exposure;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.summary.ExposureBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the router sessions to {@code bmpfleet-state:router} and the summary's session figures four times a
 * second, only what changed, in one transaction: the datastore sees a bounded write rate whatever the routers send.
 * Each session is mapped into the state model with its route counts and the device it comes from
 * ({@link DeviceMatcher}, following the intent). What the last round computed is offered as
 * {@link MonitoringState}; {@link #close()} deletes what it published.
 */
@Component(service = MonitoringState.class)
public final class StatePublisher implements MonitoringState, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatePublisher.class);
    private static final InstanceIdentifier<BmpfleetState> STATE = InstanceIdentifier.create(BmpfleetState.class);
    // Four rounds a second: counts are visible well within a second of the RIB; a round writes only the routers
    // whose state changed, so a quiet fleet costs the datastore nothing.
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(250);

    private final DataBroker broker;
    private final BmpSessions sessions;
    private final RouteTables ribs;
    private final Registration devicesRegistration;
    // Which device each session comes from; replaced whenever the intent changes.
    private volatile DeviceMatcher matcher = DeviceMatcher.NONE;
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("bmpfleet-state-publisher-%d").setDaemon(true).build());
    // What the last successful round wrote; after a failed round the next one writes whatever differs from it.
    private final Map<RouterKey, Router> published = new HashMap<>();
    private Summary publishedSummary;
    private volatile List<Router> latest = List.of();
    private volatile Summary latestSummary;

    @Activate
    public StatePublisher(@Reference final DataBroker broker, @Reference final BmpSessions sessions,
            @Reference final RouteTables ribs) {
        this(broker, sessions, ribs, PUBLISH_INTERVAL);
    }

    /**
     * Starts the publication rounds.
     *
     * @param broker the data broker
     * @param sessions the collector's sessions
     * @param ribs their route tables, for the counts
     * @param publishInterval how often a round runs
     */
    public StatePublisher(final DataBroker broker, final BmpSessions sessions, final RouteTables ribs,
            final Duration publishInterval) {
        this.broker = broker;
        this.sessions = sessions;
        this.ribs = ribs;
        devicesRegistration = broker.registerTreeChangeListener(
            DataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Bmpfleet.class)),
            changes -> matcher = DeviceMatcher.of(changes.get(changes.size() - 1).getRootNode().dataAfter()));
        publisher.scheduleWithFixedDelay(this::publish, publishInterval.toMillis(), publishInterval.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    @Override
    public List<Router> routers() {
        return latest;
    }

    @Override
    public Optional<Summary> summary() {
        return Optional.ofNullable(latestSummary);
    }

    /**
     * Writes every router session and the summary's session figures, in one transaction. Nothing may escape:
     * an exception would cancel the periodic task for good.
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    synchronized void publish() {
        try {
            final var routers = new HashMap<RouterKey, Router>();
            for (var snapshot : sessions.sessions()) {
                // An ended session's tables are gone: only a live one has counts.
                final var id = SessionFeeder.routerId(snapshot.remote());
                final var router = matcher.match(snapshot.up()
                    ? RouterStateMapper.toRouter(snapshot, ribs.counts(id), ribs.notKept(id))
                    : RouterStateMapper.toRouter(snapshot, Map.of(), Map.of()));
                routers.put(router.key(), router);
            }
            final var tx = broker.newWriteOnlyTransaction();
            boolean changed = false;
            for (var gone : published.keySet()) {
                if (!routers.containsKey(gone)) {
                    tx.delete(LogicalDatastoreType.OPERATIONAL, STATE.child(Router.class, gone));
                    changed = true;
                }
            }
            long sessionsUp = 0;
            long peersUp = 0;
            long messages = 0;
            long errors = 0;
            long buffered = 0;
            for (var router : routers.values()) {
                if (!router.equals(published.get(router.key()))) {
                    tx.put(LogicalDatastoreType.OPERATIONAL, STATE.child(Router.class, router.key()), router);
                    changed = true;
                }
                if (router.getState() == SessionState.Up) {
                    sessionsUp++;
                    peersUp += router.nonnullPeer().values().stream()
                        .filter(p -> p.getState() == SessionState.Up).count();
                }
                messages += router.nonnullMessageCounter().values().stream()
                    .mapToLong(c -> c.getMessages().getValue().longValue()).sum();
                errors += router.getDecodeErrors().getValue().longValue();
                buffered += router.getBufferBytes() == null ? 0 : router.getBufferBytes().longValue();
            }
            final var summary = new SummaryBuilder()
                .setSessionsUp(Uint32.valueOf(sessionsUp))
                .setPeersUp(Uint32.valueOf(peersUp))
                .setMessagesReceived(new Counter64(Uint64.valueOf(messages)))
                .setDecodeErrors(new Counter64(Uint64.valueOf(errors)))
                .setRefusedConnections(new Counter64(Uint64.valueOf(sessions.refusedConnections())))
                .setBufferBytesUsed(Uint64.valueOf(buffered))
                .setExposure(exposure(sessions.openDoors()))
                .build();
            latest = List.copyOf(routers.values());
            latestSummary = summary;
            if (!changed && summary.equals(publishedSummary)) {
                tx.cancel();
                return;
            }
            // Merged: other components write the summary's other leaves. Its exposure is replaced whole (a merge
            // would keep a door that was closed).
            tx.merge(LogicalDatastoreType.OPERATIONAL, STATE.child(Summary.class),
                new SummaryBuilder(summary).setExposure(null).build());
            if (summary.getExposure() == null) {
                tx.delete(LogicalDatastoreType.OPERATIONAL, STATE.child(Summary.class).child(Exposure.class));
            } else {
                tx.put(LogicalDatastoreType.OPERATIONAL, STATE.child(Summary.class).child(Exposure.class),
                    summary.getExposure());
            }
            tx.commit().get(30, TimeUnit.SECONDS);
            published.clear();
            published.putAll(routers);
            publishedSummary = summary;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // A failed round is logged and the next one writes everything again.
            LOG.warn("Could not publish BMP session state", e);
        }
    }

    private static Exposure exposure(final List<String> openDoors) {
        // Nothing exposed: no container (an empty one would not be read back).
        return openDoors.isEmpty() ? null : new ExposureBuilder().setOpenDoor(Set.copyOf(openDoors)).build();
    }

    @Deactivate
    @Override
    public void close() {
        devicesRegistration.close();
        publisher.shutdownNow();
        try {
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Sessions end with the collector: what this component published goes with it.
        synchronized (this) {
            if (published.isEmpty() && publishedSummary == null) {
                return;
            }
            final var tx = broker.newWriteOnlyTransaction();
            published.keySet().forEach(key -> tx.delete(LogicalDatastoreType.OPERATIONAL,
                STATE.child(Router.class, key)));
            if (publishedSummary != null) {
                tx.delete(LogicalDatastoreType.OPERATIONAL, STATE.child(Summary.class).child(Exposure.class));
            }
            try {
                tx.commit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Could not remove the published BMP sessions", e);
            }
            published.clear();
            publishedSummary = null;
        }
    }
}
