/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.monitoring;

import io.bmpfleet.app.credentials.CredentialStore;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.collector.BmpCollector;
import io.bmpfleet.bmp.collector.RouteSink;
import io.bmpfleet.bmp.collector.RouterState;
import io.bmpfleet.bmp.collector.SessionListener;
import io.bmpfleet.bmp.collector.SourcePrefix;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RouterId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Collector;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.RouterKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.SummaryBuilder;
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
 * Runs the BMP collector as the intent's {@code collector} section says (listeners, dialled routers, allowed
 * sources, message size limit, TCP-MD5, session buffer limit; changes apply live, no restart) and publishes its
 * router sessions to {@code bmpfleet-state:router} and the summary's session figures four times a second, only what
 * changed, in one transaction: the datastore sees a bounded write rate whatever the routers send.
 */
@Component(service = { })
public final class CollectorService implements DataTreeChangeListener<Collector>, SessionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorService.class);
    private static final InstanceIdentifier<Collector> CONFIG = InstanceIdentifier.create(Bmpfleet.class)
        .child(Collector.class);
    private static final InstanceIdentifier<BmpfleetState> STATE = InstanceIdentifier.create(BmpfleetState.class);
    private static final int DEFAULT_PORT = 11019;
    // Four rounds a second: counts are visible well within a second of the RIB; a round writes only the routers
    // whose state changed, so a quiet fleet costs the datastore nothing.
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(250);
    private static final long DEFAULT_MIN_RETRY = 1000;
    private static final long DEFAULT_MAX_RETRY = 60000;

    private final DataBroker broker;
    private final EventBus events;
    private final BmpCollector collector;
    private final Registration registration;
    private final Registration devicesRegistration;
    // Which device each session comes from; replaced whenever the intent changes.
    private volatile DeviceMatcher matcher = DeviceMatcher.NONE;
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(r -> {
        final var thread = new Thread(r, "bmpfleet-state-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, BmpCollector.Listener> listeners = new HashMap<>();
    private final Map<String, Dialing> dialers = new HashMap<>();
    // What the last successful round wrote; after a failed round the next one writes whatever differs from it.
    private final Map<RouterKey, Router> published = new HashMap<>();
    private Summary publishedSummary;
    private final RibStore ribs = new RibStore();
    private final CredentialStore credentials;
    // TCP-MD5: router address -> credential name as the intent says, and the keys the listeners have now.
    private Map<InetAddress, String> md5Wanted = Map.of();
    private Map<InetAddress, byte[]> md5Applied = Map.of();
    private final Map<String, Dial> dialSpecs = new HashMap<>();
    // Credential names already reported as missing (reported once, not every round).
    private final Set<String> md5Missing = new HashSet<>();

    @Activate
    public CollectorService(@Reference final DataBroker broker, @Reference final EventBus events) {
        this(broker, events, PUBLISH_INTERVAL, new CredentialStore(CredentialStore.defaultFile()));
    }

    public CollectorService(final DataBroker broker, final EventBus events, final Duration publishInterval) {
        this(broker, events, publishInterval, new CredentialStore(CredentialStore.defaultFile()));
    }

    /**
     * Creates the service.
     *
     * @param broker the data broker
     * @param events the event bus
     * @param publishInterval how often the sessions are written to the operational datastore (and TCP-MD5 keys
     *     read again from the credential store)
     * @param credentials where TCP-MD5 keys are kept
     */
    public CollectorService(final DataBroker broker, final EventBus events, final Duration publishInterval,
            final CredentialStore credentials) {
        this.broker = broker;
        this.events = events;
        this.credentials = credentials;
        collector = new BmpCollector(0, this);
        registration = broker.registerTreeChangeListener(
            DataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, CONFIG), this);
        devicesRegistration = broker.registerTreeChangeListener(
            DataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, InstanceIdentifier.create(Bmpfleet.class)),
            changes -> matcher = DeviceMatcher.of(changes.get(changes.size() - 1).getRootNode().dataAfter()));
        publisher.scheduleWithFixedDelay(this::publish, publishInterval.toMillis(), publishInterval.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    @Override
    public RouteSink routeSink(final RouterState router) {
        return new RibFeeder(ribs, routerId(router.remote()), router.remote(), events);
    }

    @Override
    public void sessionUp(final RouterState router) {
        if (events.hasSubscribers()) {
            events.publish(new MonitoringEvent.SessionUp(Instant.now(), router.remote()));
        }
    }

    @Override
    public void message(final RouterState router, final BmpMessage message) {
        if (message instanceof BmpMessage.PeerDownNotification down) {
            // The peer the router state took down (a Peer Down with BGP ID 0 names the peer at its address).
            ribs.clearPeer(routerId(router.remote()), RouterStateMapper.ribPeer(router.knownHeader(down.peer())));
        }
        if (!events.hasSubscribers()) {
            return;
        }
        final var now = Instant.now();
        if (message instanceof BmpMessage.PeerUpNotification up) {
            events.publish(new MonitoringEvent.PeerUp(now, router.remote(), RouterStateMapper.eventPeer(up.peer())));
        } else if (message instanceof BmpMessage.PeerDownNotification down) {
            events.publish(new MonitoringEvent.PeerDown(now, router.remote(), RouterStateMapper.eventPeer(
                down.peer()), RouterState.peerDownText(down)));
        } else if (message instanceof BmpMessage.StatisticsReport report) {
            final var values = new HashMap<String, Long>();
            report.stats().forEach(stat -> {
                final var key = RouterState.StatKey.of(stat);
                values.put(key.type() + "/" + key.afi() + "/" + key.safi(), RouterState.valueOf(stat));
            });
            events.publish(new MonitoringEvent.Statistics(now, router.remote(),
                RouterStateMapper.eventPeer(report.peer()), values));
        }
    }


    @Override
    public void sessionDown(final RouterState router, final String reason) {
        ribs.clearRouter(routerId(router.remote()));
        if (events.hasSubscribers()) {
            events.publish(new MonitoringEvent.SessionDown(Instant.now(), router.remote(), reason));
        }
    }

    /**
     * The routes of every router session.
     *
     * @return the RIB store
     */
    public RibStore ribs() {
        return ribs;
    }

    @Override
    public void onInitialData() {
        apply(null);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Collector>> changes) {
        apply(changes.get(changes.size() - 1).getRootNode().dataAfter());
    }

    private synchronized void apply(final Collector config) {
        final var wanted = new HashMap<String, InetSocketAddress>();
        final var dials = new HashMap<String, Dial>();
        final var md5Routers = new HashMap<InetAddress, String>();
        if (config != null) {
            for (var listener : config.nonnullListener().values()) {
                if (!Boolean.FALSE.equals(listener.getEnabled())) {
                    wanted.put(listener.getName().getValue(), new InetSocketAddress(
                        address(listener.getAddress() == null ? "0.0.0.0" : text(listener.getAddress())),
                        listener.getPort() == null ? DEFAULT_PORT : listener.getPort().getValue().intValue()));
                }
            }
            for (var dial : config.nonnullDial().values()) {
                if (dial.getAddress() != null && dial.getPort() != null) {
                    dials.put(dial.getName().getValue(), new Dial(new InetSocketAddress(address(
                        text(dial.getAddress())), dial.getPort().getValue().intValue()),
                        dial.getMinRetry() == null ? DEFAULT_MIN_RETRY : dial.getMinRetry().getValue().toJava(),
                        dial.getMaxRetry() == null ? DEFAULT_MAX_RETRY : dial.getMaxRetry().getValue().toJava(),
                        dial.getTcpMd5Credentials() == null ? null : dial.getTcpMd5Credentials().getValue()));
                }
            }
            for (var md5 : config.nonnullTcpMd5().values()) {
                if (md5.getCredentials() != null) {
                    md5Routers.put(address(text(md5.getRouter())), md5.getCredentials().getValue());
                }
            }
            final var allowed = config.getAllowedSource();
            collector.setAllowedSources(allowed == null ? List.of() : allowed.stream()
                .map(p -> SourcePrefix.parse(p.getIpv4Prefix() != null ? p.getIpv4Prefix().getValue()
                    : p.getIpv6Prefix().getValue())).toList());
            if (config.getMaxMessageSize() != null) {
                collector.setMaxMessageSize((int) Math.min(Integer.MAX_VALUE, config.getMaxMessageSize().toJava()));
            }
            collector.setSessionBufferLimit(config.getSessionBufferLimit() == null
                ? BmpCollector.DEFAULT_SESSION_BUFFER_LIMIT : config.getSessionBufferLimit().toJava());
        } else {
            collector.setAllowedSources(List.of());
        }
        // Keys first: a new listener opens with them (it never accepts a keyed router unsigned).
        md5Wanted = Map.copyOf(md5Routers);
        refreshTcpMd5();
        // Listeners: close those gone or moved, open the new ones; sessions already up stay.
        listeners.entrySet().removeIf(entry -> {
            final var want = wanted.get(entry.getKey());
            if (want == null || !want.equals(entry.getValue().requested())) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
        wanted.forEach((name, address) -> listeners.computeIfAbsent(name, n -> open(n, address)));
        dialSpecs.clear();
        dialSpecs.putAll(dials);
        reconcileDialers();
    }

    /** Dialers: close those gone or changed (address, retries, key), start the new ones. */
    private void reconcileDialers() {
        final var keys = new HashMap<String, byte[]>();
        dialSpecs.forEach((name, dial) -> keys.put(name, dial.md5Credentials == null ? null
            : md5Key(dial.md5Credentials, "dialled router " + name).orElse(null)));
        dialers.entrySet().removeIf(entry -> {
            final var want = dialSpecs.get(entry.getKey());
            if (want == null || !want.equals(entry.getValue().spec)
                    || !Arrays.equals(keys.get(entry.getKey()), entry.getValue().key)) {
                entry.getValue().dialer.close();
                return true;
            }
            return false;
        });
        dialSpecs.forEach((name, dial) -> {
            if (!dialers.containsKey(name) && (dial.md5Credentials == null || keys.get(name) != null)) {
                try {
                    dialers.put(name, new Dialing(dial, keys.get(name), collector.dial(dial.router,
                        Duration.ofMillis(dial.minRetry), Duration.ofMillis(dial.maxRetry), keys.get(name))));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    LOG.error("Cannot dial BMP router {} ({}): {}", name, dial.router, e.getMessage());
                }
            }
        });
    }

    /**
     * Gives the listeners the TCP-MD5 keys of the intent's routers, read from the credential store; runs on every
     * collector change and every publication round, so that a changed credential takes effect within a round.
     */
    private synchronized void refreshTcpMd5() {
        final var keys = new HashMap<InetAddress, byte[]>();
        md5Wanted.forEach((router, name) -> {
            md5Key(name, "router " + router.getHostAddress()).ifPresent(key -> keys.put(router, key));
        });
        if (!sameKeys(keys, md5Applied)) {
            try {
                collector.setTcpMd5Keys(keys);
                md5Applied = Map.copyOf(keys);
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.error("TCP-MD5 keys not applied: {}", e.getMessage());
                // not remembered: tried again next round
            }
        }
        if (dialSpecs.values().stream().anyMatch(dial -> dial.md5Credentials != null)) {
            reconcileDialers();
        }
    }

    /** The key a credential's password gives, or empty (logged once) when there is none. */
    private Optional<byte[]> md5Key(final String credentialName, final String user) {
        final var credential = credentials.lookup(credentialName);
        if (credential.isEmpty() || credential.orElseThrow().password() == null) {
            if (md5Missing.add(credentialName)) {
                LOG.warn("TCP-MD5 for {}: credentials {} have no password (rpc set-credentials); not signed yet",
                    user, credentialName);
            }
            return Optional.empty();
        }
        md5Missing.remove(credentialName);
        return Optional.of(credential.orElseThrow().password().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameKeys(final Map<InetAddress, byte[]> left, final Map<InetAddress, byte[]> right) {
        return left.size() == right.size()
            && left.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), right.get(e.getKey())));
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private BmpCollector.Listener open(final String name, final InetSocketAddress address) {
        try {
            return collector.listen(address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            // Netty reports a bind failure (address in use, no such address) as an unchecked exception.
            LOG.error("BMP listener {} cannot bind {}; it is retried at the next collector change", name, address,
                e);
            return null;
        }
    }

    /**
     * Writes every router session and the summary's session figures, in one transaction. Nothing may escape:
     * an exception would cancel the periodic task for good.
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    void publish() {
        try {
            refreshTcpMd5();
        } catch (RuntimeException e) {
            // An unreadable credential store must not stop the state rounds; keys are tried again next round.
            LOG.warn("TCP-MD5 keys not refreshed", e);
        }
        try {
            final var routers = new HashMap<RouterKey, Router>();
            for (var snapshot : collector.routers()) {
                final var router = matcher.match(RouterStateMapper.toRouter(snapshot,
                    snapshot.up() ? ribs.counts(routerId(snapshot.remote())) : Map.of()));
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
                .setRefusedConnections(new Counter64(Uint64.valueOf(collector.refusedConnections())))
                .setBufferBytesUsed(Uint64.valueOf(buffered))
                .build();
            if (!changed && summary.equals(publishedSummary)) {
                tx.cancel();
                return;
            }
            tx.merge(LogicalDatastoreType.OPERATIONAL, STATE.child(Summary.class), summary);
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

    /** A session's routes are its own: routers sharing an address (or one router's two sessions) never mix. */
    private static RouterId routerId(final InetSocketAddress session) {
        return new RouterId(session.getAddress(), session.getPort());
    }

    private static String text(final org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types
            .rev130715.IpAddress address) {
        return address.getIpv4Address() != null ? address.getIpv4Address().getValue()
            : address.getIpv6Address().getValue();
    }

    private static InetAddress address(final String literal) {
        try {
            // Literals only (the model types them as ip-address): no name lookup happens.
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Deactivate
    @Override
    public synchronized void close() {
        registration.close();
        devicesRegistration.close();
        publisher.shutdownNow();
        listeners.values().forEach(BmpCollector.Listener::close);
        dialers.values().forEach(dialing -> dialing.dialer.close());
        collector.close();
    }

    private record Dial(InetSocketAddress router, long minRetry, long maxRetry, String md5Credentials) {
    }

    /** A running dialer, with what it was started from. */
    private record Dialing(Dial spec, byte[] key, BmpCollector.Dialer dialer) {
    }
}
