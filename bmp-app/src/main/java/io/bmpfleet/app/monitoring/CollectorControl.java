/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.monitoring;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.bmpfleet.app.api.BmpSessions;
import io.bmpfleet.app.credentials.CredentialStore;
import io.bmpfleet.app.credentials.TcpMd5Key;
import io.bmpfleet.app.push.IntentCompiler;
import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.collector.BmpCollector;
import io.bmpfleet.bmp.collector.RouterState;
import io.bmpfleet.bmp.collector.SessionListener;
import io.bmpfleet.bmp.collector.SourcePrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Collector;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the BMP collector as the intent's {@code collector} section says: listeners, dialled routers, allowed
 * sources, message size limit, TCP-MD5 keys (read from the credential store, followed within a second when a
 * password changes), session buffer limit; changes apply live, sessions already up stay. What the sessions say
 * goes to the {@link SessionListener} ({@link SessionFeeder}); the sessions themselves are offered read-only as
 * {@link BmpSessions}.
 */
@Component(service = BmpSessions.class)
public final class CollectorControl implements DataTreeChangeListener<Collector>, BmpSessions, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorControl.class);
    private static final InstanceIdentifier<Collector> CONFIG = InstanceIdentifier.create(Bmpfleet.class)
        .child(Collector.class);
    private static final Duration KEY_REFRESH_INTERVAL = Duration.ofSeconds(1);
    private static final long DEFAULT_MIN_RETRY = 1000;
    private static final long DEFAULT_MAX_RETRY = 60000;

    private final BmpCollector collector;
    private final Registration registration;
    private final ScheduledExecutorService keyRefresh = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("bmpfleet-collector-keys-%d").setDaemon(true).build());
    private final Map<String, BmpCollector.Listener> listeners = new HashMap<>();
    private final Map<String, Dialing> dialers = new HashMap<>();
    private final CredentialStore credentials;
    // TCP-MD5: router address -> credential name as the intent says, and the keys the listeners have now.
    private Map<InetAddress, String> md5Wanted = Map.of();
    private Map<InetAddress, byte[]> md5Applied = Map.of();
    private final Map<String, Dial> dialSpecs = new HashMap<>();
    // Listeners open to any source beyond loopback, as last reported.
    private volatile List<String> openDoors = List.of();
    // Credential names already reported as missing (reported once, not every round).
    private final Set<String> md5Missing = new HashSet<>();

    @Activate
    public CollectorControl(@Reference final DataBroker broker, @Reference final SessionListener sessions,
            @Reference final CredentialStore credentials) {
        this(broker, sessions, KEY_REFRESH_INTERVAL, credentials);
    }

    /**
     * Starts the collector and follows the intent.
     *
     * @param broker the data broker
     * @param sessions what the sessions say goes here
     * @param keyRefresh how often TCP-MD5 keys are read again from the credential store
     * @param credentials where TCP-MD5 keys are kept
     */
    public CollectorControl(final DataBroker broker, final SessionListener sessions, final Duration keyRefresh,
            final CredentialStore credentials) {
        this.credentials = credentials;
        collector = new BmpCollector(0, sessions);
        registration = broker.registerTreeChangeListener(
            DataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, CONFIG), this);
        this.keyRefresh.scheduleWithFixedDelay(this::refreshKeys, keyRefresh.toMillis(), keyRefresh.toMillis(),
            TimeUnit.MILLISECONDS);
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
                        listener.getPort() == null ? IntentCompiler.DEFAULT_STATION_PORT
                            : listener.getPort().getValue().intValue()));
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
            // An absent leaf is the model's default again (a removed limit must not keep its old value).
            collector.setMaxMessageSize(config.getMaxMessageSize() == null ? BmpCollector.DEFAULT_MAX_MESSAGE_SIZE
                : (int) Math.min(Integer.MAX_VALUE, config.getMaxMessageSize().toJava()));
            collector.setSessionBufferLimit(config.getSessionBufferLimit() == null
                ? BmpCollector.DEFAULT_SESSION_BUFFER_LIMIT : config.getSessionBufferLimit().toJava());
        } else {
            collector.setAllowedSources(List.of());
            collector.setMaxMessageSize(BmpCollector.DEFAULT_MAX_MESSAGE_SIZE);
            collector.setSessionBufferLimit(BmpCollector.DEFAULT_SESSION_BUFFER_LIMIT);
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
        final boolean anySource = config == null || config.getAllowedSource() == null
            || config.getAllowedSource().isEmpty();
        final var doors = new ArrayList<String>();
        if (anySource) {
            wanted.forEach((name, address) -> {
                if (!address.getAddress().isLoopbackAddress()) {
                    doors.add("listener " + name + " on " + AddressText.format(address.getAddress()) + ":"
                        + address.getPort());
                }
            });
            doors.sort(null);
        }
        for (var door : doors) {
            if (!openDoors.contains(door)) {
                LOG.warn("Open door: {} takes BMP from any source (collector allowed-source is empty); set"
                    + " allowed-source, or bind the listener to a loopback or management address", door);
            }
        }
        openDoors = List.copyOf(doors);
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

    /** A periodic round of {@link #refreshTcpMd5}; nothing may escape, or the task would stop for good. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void refreshKeys() {
        try {
            refreshTcpMd5();
        } catch (RuntimeException e) {
            // An unreadable credential store must not stop the rounds; keys are tried again next round.
            LOG.warn("TCP-MD5 keys not refreshed", e);
        }
    }

    /**
     * Gives the listeners the TCP-MD5 keys of the intent's routers, read from the credential store; runs on every
     * collector change and every key refresh round, so that a changed credential takes effect within a round.
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
        final var problem = TcpMd5Key.problem(credential.orElseThrow().password());
        if (problem != null) {
            if (md5Missing.add(credentialName)) {
                LOG.warn("TCP-MD5 for {}: credentials {} cannot be the key: {}; not signed", user, credentialName,
                    problem);
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

    @Override
    public List<RouterState.RouterSnapshot> sessions() {
        return collector.routers();
    }

    @Override
    public List<String> openDoors() {
        return openDoors;
    }

    @Override
    public long refusedConnections() {
        return collector.refusedConnections();
    }

    @Deactivate
    @Override
    public synchronized void close() {
        registration.close();
        keyRefresh.shutdownNow();
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
