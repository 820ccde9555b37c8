/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.app.credentials.CredentialStore;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.app.intent.PlatformSupport;
import io.bmpfleet.app.intent.UnsupportedItem;
import io.bmpfleet.app.monitoring.RouterStateMapper;
import io.bmpfleet.device.DeviceDriver;
import io.bmpfleet.device.DeviceDriver.Mode;
import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.SyncResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.eos.binding.api.EntityOwnershipService;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Platform;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Device;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Reconciler;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SyncStatus;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.DeviceBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.DeviceKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.SummaryBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.device.MissingBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.device.UnaskedBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.device.UnsupportedItemBuilder;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every device's BMP configuration on the intent. It acts on intent changes (after the reconciler's
 * initial-delay), on a device appearing or this node gaining its ownership, on a periodic drift check (read back;
 * a difference is repaired at once and counted), and on the {@code sync-device} / {@code check-sync} RPCs. At most
 * {@code max-concurrent-pushes} devices are worked on at a time; a device that fails is retried after
 * {@code failure-retry-delay}, doubling with every failure in a row up to {@code flapping-delay}.
 *
 * <p>It owns the device entries of {@code bmpfleet-state}: status, timers, errors in the device's words, the
 * rendered and read-back configuration, the trusted host key, what its platform cannot carry, and what the
 * collector sees of it against what the intent asks ({@link Observation}). Credentials are looked up just before a
 * login and go nowhere else.
 */
@Component(service = DeviceReconciler.class)
public final class DeviceReconciler implements DataTreeChangeListener<Bmpfleet>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceReconciler.class);
    private static final InstanceIdentifier<Bmpfleet> INTENT = InstanceIdentifier.create(Bmpfleet.class);
    private static final InstanceIdentifier<BmpfleetState> STATE = InstanceIdentifier.create(BmpfleetState.class);
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(250);
    private static final Duration OBSERVE_INTERVAL = Duration.ofSeconds(2);

    /** What a worker is asked to do with a device. */
    enum Job {
        /** Push the difference (intent change, retry, sync-device). */
        APPLY,
        /** Periodic: read back; push if drifted (a repair). */
        DRIFT_CHECK,
        /** check-sync: read back and compare only. */
        CHECK_ONLY
    }

    /** One device's row of an RPC answer. */
    public record Row(String device, String status, List<String> changes, String error) {
    }

    /** A render-device answer. */
    public record Rendering(String rendered, String deviceConfig, List<String> changes, String error) {
    }

    /** The reconciler's knobs, with the YANG defaults. */
    record Settings(Duration driftInterval, int concurrency, Duration initialDelay, Duration failureRetry,
            Duration flapping, Duration grace) {
        static final Settings DEFAULT = new Settings(Duration.ofSeconds(60), 16, Duration.ZERO,
            Duration.ofSeconds(30), Duration.ofSeconds(300), Duration.ofSeconds(60));

        static Settings of(final Reconciler config) {
            if (config == null) {
                return DEFAULT;
            }
            return new Settings(
                config.getDriftCheckInterval() == null ? DEFAULT.driftInterval
                    : Duration.ofSeconds(config.getDriftCheckInterval().toJava()),
                config.getMaxConcurrentPushes() == null ? DEFAULT.concurrency
                    : config.getMaxConcurrentPushes().toJava(),
                config.getInitialDelay() == null ? DEFAULT.initialDelay
                    : Duration.ofSeconds(config.getInitialDelay().toJava()),
                config.getFailureRetryDelay() == null ? DEFAULT.failureRetry
                    : Duration.ofSeconds(config.getFailureRetryDelay().getValue().toJava()),
                config.getFlappingDelay() == null ? DEFAULT.flapping
                    : Duration.ofSeconds(config.getFlappingDelay().getValue().toJava()),
                config.getObservationGracePeriod() == null ? DEFAULT.grace
                    : Duration.ofSeconds(config.getObservationGracePeriod().toJava()));
        }

        /** The delay before the next attempt after the given number of failures in a row. */
        Duration backoff(final int failures) {
            final long base = failureRetry.toMillis();
            final long delay = base << Math.min(Math.max(failures - 1, 0), 20);
            return Duration.ofMillis(Math.min(delay, flapping.toMillis()));
        }
    }

    /** How to reach a device, without its secrets (looked up at login). */
    record Access(String host, int port, String credentials, String hostKey) {
    }

    /** What one worker run produced. */
    private record Outcome(Job job, SyncResult result, SyncResult drift, DeviceException error, String hostKey) {
    }

    /** Everything known of one device (guarded by the reconciler). */
    private static final class Work {
        final String name;
        Platform platform;
        String platformName;
        boolean enabled;
        DeviceIntent desired;
        Access access;
        List<UnsupportedItem> unsupported = List.of();
        SyncStatus status = SyncStatus.Pending;
        int attempts;
        Instant lastAttempt;
        Instant lastSuccess;
        Instant lastPush;
        Instant nextAttempt;
        String lastError;
        String rendered;
        String deviceConfig;
        List<String> lastChange = List.of();
        long driftRepairs;
        Instant lastDrift;
        String hostKey;
        Observation.Result observed = Observation.Result.NONE;
        boolean running;
        Job rerun;
        ScheduledFuture<?> timer;
        final List<CompletableFuture<Row>> waiters = new ArrayList<>();

        Work(final String name) {
            this.name = name;
        }
    }

    private final DataBroker broker;
    private final Map<String, DeviceDriver> drivers = new HashMap<>();
    private final CredentialStore credentials;
    private final KnownHosts knownHosts;
    private final DeviceOwnership ownership;
    private final Registration registration;
    private final Map<String, Work> devices = new LinkedHashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private final Set<String> deleted = new HashSet<>();
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("bmpfleet-reconciler-%d").setDaemon(true).build());
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("bmpfleet-device-state-%d").setDaemon(true).build());
    private final ThreadPoolExecutor workers;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final Observation observation;
    private Settings settings = Settings.DEFAULT;
    private Bmpfleet intent;
    private Long publishedInSync;
    private final EventBus events;

    @Activate
    public DeviceReconciler(@Reference final DataBroker broker, @Reference final EntityOwnershipService eos,
            @Reference(cardinality = ReferenceCardinality.MULTIPLE, policyOption = ReferencePolicyOption.GREEDY)
            final List<DeviceDriver> drivers, @Reference final MonitoringState monitoring,
            @Reference final EventBus events, @Reference final CredentialStore credentials) {
        this(broker, drivers, credentials,
            new KnownHosts(KnownHosts.defaultFile()), gained -> DeviceOwnership.of(eos, gained), monitoring::routers,
            events);
    }

    /**
     * Creates the reconciler with an event bus nobody listens to.
     *
     * @param broker the data broker
     * @param drivers the platform drivers
     * @param credentials where device logins are kept
     * @param knownHosts where host keys trusted on first use are kept
     * @param ownership makes the ownership, given what to call when this node gains a device
     * @param sessions the router sessions as the collector published them last, for the observation check
     */
    public DeviceReconciler(final DataBroker broker, final List<DeviceDriver> drivers,
            final CredentialStore credentials, final KnownHosts knownHosts,
            final Function<java.util.function.Consumer<String>, DeviceOwnership> ownership,
            final Supplier<List<Router>> sessions) {
        this(broker, drivers, credentials, knownHosts, ownership, sessions, new EventBus());
    }

    /**
     * Creates the reconciler.
     *
     * @param broker the data broker
     * @param drivers the platform drivers
     * @param credentials where device logins are kept
     * @param knownHosts where host keys trusted on first use are kept
     * @param ownership makes the ownership, given what to call when this node gains a device
     * @param sessions the router sessions as the collector published them last, for the observation check
     * @param events where each push, check and repair is told
     */
    public DeviceReconciler(final DataBroker broker, final List<DeviceDriver> drivers,
            final CredentialStore credentials, final KnownHosts knownHosts,
            final Function<java.util.function.Consumer<String>, DeviceOwnership> ownership,
            final Supplier<List<Router>> sessions, final EventBus events) {
        this.broker = broker;
        this.events = events;
        drivers.forEach(driver -> this.drivers.put(driver.platform(), driver));
        this.credentials = credentials;
        this.knownHosts = knownHosts;
        this.ownership = ownership.apply(name -> control.execute(() -> gained(name)));
        observation = new Observation(sessions);
        workers = new ThreadPoolExecutor(Settings.DEFAULT.concurrency, Settings.DEFAULT.concurrency, 30,
            TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new ThreadFactoryBuilder().setNameFormat("bmpfleet-push-%d").setDaemon(true).build());
        workers.allowCoreThreadTimeOut(true);
        registration = broker.registerTreeChangeListener(
            DataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, INTENT), this);
        publisher.scheduleWithFixedDelay(this::publish, PUBLISH_INTERVAL.toMillis(), PUBLISH_INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
        control.scheduleWithFixedDelay(this::observe, OBSERVE_INTERVAL.toMillis(), OBSERVE_INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    /**
     * The most devices worked on at the same time since the start: the concurrency bound at work.
     *
     * @return the maximum seen
     */
    public int maxConcurrentSeen() {
        return maxActive.get();
    }

    @Override
    public void onInitialData() {
        control.execute(() -> intentChanged(null));
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Bmpfleet>> changes) {
        final var after = changes.get(changes.size() - 1).getRootNode().dataAfter();
        control.execute(() -> intentChanged(after));
    }

    private synchronized void intentChanged(final Bmpfleet newIntent) {
        intent = newIntent;
        settings = Settings.of(newIntent == null ? null : newIntent.getReconciler());
        if (workers.getMaximumPoolSize() != settings.concurrency()) {
            if (settings.concurrency() > workers.getMaximumPoolSize()) {
                workers.setMaximumPoolSize(settings.concurrency());
                workers.setCorePoolSize(settings.concurrency());
            } else {
                workers.setCorePoolSize(settings.concurrency());
                workers.setMaximumPoolSize(settings.concurrency());
            }
        }
        final var present = new HashSet<String>();
        if (newIntent != null) {
            for (var device : newIntent.nonnullDevice().values()) {
                final var name = device.getName().getValue();
                present.add(name);
                update(devices.computeIfAbsent(name, Work::new), device, newIntent);
            }
        }
        for (var it = devices.values().iterator(); it.hasNext();) {
            final var work = it.next();
            if (!present.contains(work.name)) {
                cancel(work);
                ownership.untrack(work.name);
                work.waiters.forEach(w -> w.complete(new Row(work.name, "removed", List.of(),
                    "the device left the intent")));
                it.remove();
                dirty.remove(work.name);
                deleted.add(work.name);
            }
        }
    }

    private void update(final Work work, final Device device, final Bmpfleet whole) {
        final boolean fresh = work.desired == null;
        final var desired = IntentCompiler.compile(device, whole);
        final var management = device.getManagement();
        final var access = new Access(management == null || management.getAddress() == null ? null
            : String.valueOf(management.getAddress().stringValue()), IntentCompiler.managementPort(device),
            management == null || management.getCredentials() == null ? null
                : management.getCredentials().getValue(),
            management == null ? null : management.getHostKey());
        final boolean enabled = !Boolean.FALSE.equals(device.getEnabled());
        final boolean changed = fresh || !desired.equals(work.desired) || !access.equals(work.access)
            || enabled != work.enabled || !Objects.equals(device.getPlatform(), work.platform);
        work.desired = desired;
        work.access = access;
        work.enabled = enabled;
        work.platform = device.getPlatform();
        work.platformName = device.getPlatform() == null ? null : IntentCompiler.platformName(device.getPlatform());
        work.unsupported = PlatformSupport.unsupported(device, whole);
        final var driver = work.platformName == null ? null : drivers.get(work.platformName);
        if (driver != null && changed) {
            work.rendered = driver.render(desired);
        }
        if (fresh) {
            ownership.track(work.name);
        }
        if (changed) {
            work.attempts = 0;
            if (!enabled) {
                cancel(work);
                work.status = SyncStatus.Disabled;
                work.nextAttempt = null;
            } else if (driver == null) {
                cancel(work);
                work.status = SyncStatus.Pending;
                work.lastError = "no driver for platform " + work.platformName + " in this controller";
                work.nextAttempt = null;
            } else {
                if (!work.running) {
                    work.status = SyncStatus.Pending;
                }
                schedule(work, Job.APPLY, settings.initialDelay());
            }
        }
        dirty.add(work.name);
    }

    private void gained(final String name) {
        synchronized (this) {
            final var work = devices.get(name);
            if (work != null && work.enabled && drivers.containsKey(work.platformName)) {
                schedule(work, Job.APPLY, Duration.ZERO);
            }
        }
    }

    private void cancel(final Work work) {
        if (work.timer != null) {
            work.timer.cancel(false);
            work.timer = null;
        }
    }

    private void schedule(final Work work, final Job job, final Duration delay) {
        cancel(work);
        work.nextAttempt = Instant.now().plus(delay);
        work.timer = control.schedule(() -> start(work.name, job), delay.toMillis(), TimeUnit.MILLISECONDS);
        dirty.add(work.name);
    }

    private synchronized void start(final String name, final Job job) {
        final var work = devices.get(name);
        if (work == null || !work.enabled || !drivers.containsKey(work.platformName)) {
            return;
        }
        if (!ownership.owns(name)) {
            // Another node pushes it; this one looks again when it gains the ownership.
            return;
        }
        if (work.running) {
            work.rerun = work.rerun == null || job == Job.APPLY ? job : work.rerun;
            return;
        }
        work.running = true;
        work.timer = null;
        work.nextAttempt = null;
        if (job == Job.APPLY && work.status != SyncStatus.InSync) {
            work.status = SyncStatus.Applying;
        }
        dirty.add(name);
        final var driver = drivers.get(work.platformName);
        final var desired = work.desired;
        final var access = work.access;
        workers.execute(() -> {
            final int now = active.incrementAndGet();
            maxActive.accumulateAndGet(now, Math::max);
            Outcome outcome;
            try {
                outcome = run(name, driver, desired, access, job);
            } finally {
                active.decrementAndGet();
            }
            final var done = outcome;
            control.execute(() -> finish(name, job, done));
        });
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private Outcome run(final String name, final DeviceDriver driver, final DeviceIntent desired,
            final Access access, final Job job) {
        String hostKey = access.hostKey();
        boolean trustedOnFirstUse = false;
        try {
            if (access.host() == null) {
                throw new DeviceException(Kind.PROTOCOL, "the device has no management address");
            }
            String username = null;
            String password = null;
            String enable = null;
            if (access.credentials() != null) {
                final var credential = credentials.lookup(access.credentials()).orElseThrow(() ->
                    new DeviceException(Kind.AUTHENTICATION, "no credential set named '" + access.credentials()
                        + "': store it with the set-credentials RPC"));
                username = credential.username();
                password = credential.password();
                enable = credential.enableSecret();
            }
            if (hostKey == null) {
                hostKey = knownHosts.get(name).orElse(null);
                trustedOnFirstUse = hostKey != null;
            }
            final var endpoint = new Endpoint(access.host(), access.port(), username, password, enable, hostKey);
            final var mode = job == Job.APPLY ? Mode.APPLY : Mode.CHECK;
            final var result = driver.sync(endpoint, desired, mode);
            if (job == Job.DRIFT_CHECK && !result.wasInSync()) {
                LOG.info("Device {} drifted from the intent; repairing: {}", name, result.changes());
                return new Outcome(job, driver.sync(endpoint, desired, Mode.APPLY), result, null, hostKey);
            }
            return new Outcome(job, result, null, null, hostKey);
        } catch (DeviceException e) {
            if (e.kind() == Kind.HOST_KEY && trustedOnFirstUse) {
                // Say where the expected key came from and how to accept a change that was meant.
                return new Outcome(job, null, null, new DeviceException(Kind.HOST_KEY, e.getMessage()
                    + " (the expected key was trusted on first use and is kept in " + knownHosts.path() + "; if the"
                    + " device's key changed on purpose, set its management/host-key to the new fingerprint)", e),
                    hostKey);
            }
            return new Outcome(job, null, null, e, hostKey);
        } catch (RuntimeException e) {
            LOG.warn("Driver {} failed on device {}", driver.platform(), name, e);
            return new Outcome(job, null, null, new DeviceException(Kind.PROTOCOL, "driver error: " + e), hostKey);
        }
    }

    private synchronized void finish(final String name, final Job job, final Outcome outcome) {
        final var work = devices.get(name);
        if (work == null) {
            return;
        }
        work.running = false;
        final var now = Instant.now();
        work.lastAttempt = now;
        final var before = work.status;
        final Row row;
        if (outcome.error() != null) {
            final var error = outcome.error();
            work.attempts++;
            work.status = error.kind() == Kind.UNREACHABLE ? SyncStatus.Unreachable : SyncStatus.Failed;
            work.lastError = error.getMessage();
            LOG.info("Device {}: {} (attempt {}): {}", name, work.status.getName(), work.attempts,
                error.getMessage());
            schedule(work, Job.APPLY, settings.backoff(work.attempts));
            row = new Row(name, work.status.getName(), List.of(), error.getMessage());
        } else {
            final var result = outcome.result();
            if (result.hostKey() != null && outcome.hostKey() == null && work.access.hostKey() == null) {
                knownHosts.trust(name, result.hostKey());
            }
            work.hostKey = result.hostKey() != null ? result.hostKey() : work.hostKey;
            work.rendered = result.rendered();
            work.deviceConfig = result.after();
            work.lastError = null;
            if (job == Job.CHECK_ONLY && !result.wasInSync()) {
                work.status = SyncStatus.Drifted;
                row = new Row(name, work.status.getName(), result.changes(), null);
            } else {
                work.attempts = 0;
                work.status = SyncStatus.InSync;
                work.lastSuccess = now;
                if (result.applied()) {
                    work.lastChange = result.changes();
                    work.lastPush = now;
                }
                if (outcome.drift() != null) {
                    work.driftRepairs++;
                    work.lastDrift = now;
                }
                row = new Row(name, work.status.getName(), outcome.drift() != null ? outcome.drift().changes()
                    : result.changes(), null);
            }
            schedule(work, Job.DRIFT_CHECK, settings.driftInterval());
        }
        // Every push, check and repair, and every change of status; not a drift check that found nothing.
        if (events.hasSubscribers() && (job != Job.DRIFT_CHECK || outcome.drift() != null
                || outcome.error() != null || before != work.status)) {
            events.publish(new MonitoringEvent.DeviceSync(now, name, job.name().toLowerCase(Locale.ROOT)
                .replace('_', '-'), row.status(), row.changes(), outcome.drift() != null, row.error()));
        }
        final var waiting = List.copyOf(work.waiters);
        work.waiters.clear();
        waiting.forEach(w -> w.complete(row));
        if (work.rerun != null) {
            final var next = work.rerun;
            work.rerun = null;
            start(name, next);
        }
        dirty.add(name);
    }

    /**
     * Works on one device or all now (the sync-device and check-sync RPCs).
     *
     * @param device a device's name, or null for all
     * @param checkOnly true: read back and compare only
     * @return one row per device, when all are done
     */
    public CompletableFuture<List<Row>> request(final String device, final boolean checkOnly) {
        final var rows = new ArrayList<CompletableFuture<Row>>();
        synchronized (this) {
            final var names = device == null ? List.copyOf(devices.keySet()) : List.of(device);
            for (var name : names) {
                final var work = devices.get(name);
                final var row = new CompletableFuture<Row>();
                rows.add(row);
                if (work == null) {
                    row.complete(new Row(name, "unknown", List.of(), "no device named " + name + " in the intent"));
                } else if (!work.enabled) {
                    row.complete(new Row(name, SyncStatus.Disabled.getName(), List.of(),
                        "the device is not enabled in the intent"));
                } else if (!drivers.containsKey(work.platformName)) {
                    row.complete(new Row(name, work.status.getName(), List.of(), work.lastError));
                } else {
                    work.waiters.add(row);
                    final var job = checkOnly ? Job.CHECK_ONLY : Job.APPLY;
                    control.execute(() -> start(name, job));
                }
            }
        }
        return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new))
            .thenApply(ignored -> rows.stream().map(CompletableFuture::join).toList());
    }

    /**
     * The render-device RPC: what the intent renders for a device and what a push would send now.
     *
     * @param device the device's name
     * @return the rendering, and the device's read-back or why it could not be read
     */
    public CompletableFuture<Rendering> render(final String device) {
        final DeviceDriver driver;
        final DeviceIntent desired;
        final Access access;
        synchronized (this) {
            final var work = devices.get(device);
            if (work == null) {
                return CompletableFuture.completedFuture(new Rendering(null, null, List.of(),
                    "no device named " + device + " in the intent"));
            }
            driver = drivers.get(work.platformName);
            if (driver == null) {
                return CompletableFuture.completedFuture(new Rendering(null, null, List.of(), work.lastError));
            }
            desired = work.desired;
            access = work.access;
        }
        return CompletableFuture.supplyAsync(() -> {
            final var outcome = run(device, driver, desired, access, Job.CHECK_ONLY);
            if (outcome.error() != null) {
                return new Rendering(driver.render(desired), null, List.of(), outcome.error().getMessage());
            }
            return new Rendering(outcome.result().rendered(), outcome.result().before(), outcome.result().changes(),
                null);
        }, workers);
    }

    /** Holds what the collector sees against what the intent asks, for every device (control thread). */
    private void observe() {
        final List<Observation.Expected> expected = new ArrayList<>();
        final Bmpfleet current;
        synchronized (this) {
            current = intent;
            final var now = Instant.now();
            for (var work : devices.values()) {
                final boolean due = work.enabled && work.status == SyncStatus.InSync && work.lastSuccess != null
                    && Duration.between(work.lastPush == null ? work.lastSuccess : work.lastPush, now)
                        .compareTo(settings.grace()) >= 0;
                expected.add(new Observation.Expected(work.name, work.desired, due));
            }
        }
        if (current == null) {
            return;
        }
        final Map<String, Observation.Result> results = observation.observe(current, expected);
        synchronized (this) {
            results.forEach((name, result) -> {
                final var work = devices.get(name);
                if (work != null && !result.equals(work.observed)) {
                    work.observed = result;
                    dirty.add(name);
                }
            });
        }
    }

    /** Writes the device entries that changed, and the summary's in-sync count (publisher thread). */
    private void publish() {
        final List<org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device> entries;
        final Set<String> gone;
        final long inSync;
        synchronized (this) {
            entries = dirty.stream().map(devices::get).filter(Objects::nonNull).map(DeviceReconciler::entry)
                .toList();
            dirty.clear();
            gone = Set.copyOf(deleted);
            deleted.clear();
            inSync = devices.values().stream().filter(w -> w.status == SyncStatus.InSync).count();
        }
        if (entries.isEmpty() && gone.isEmpty() && Objects.equals(publishedInSync, inSync)) {
            return;
        }
        final var tx = broker.newWriteOnlyTransaction();
        for (var name : gone) {
            tx.delete(LogicalDatastoreType.OPERATIONAL, STATE.child(
                org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device.class,
                new DeviceKey(name)));
        }
        for (var entry : entries) {
            tx.put(LogicalDatastoreType.OPERATIONAL, STATE.child(
                org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device.class,
                entry.key()), entry);
        }
        tx.merge(LogicalDatastoreType.OPERATIONAL, STATE.child(Summary.class),
            new SummaryBuilder().setDevicesInSync(Uint32.valueOf(inSync)).build());
        try {
            tx.commit().get(30, TimeUnit.SECONDS);
            publishedInSync = inSync;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not publish device status; retrying", e);
            synchronized (this) {
                entries.forEach(entry -> {
                    if (devices.containsKey(entry.getName())) {
                        dirty.add(entry.getName());
                    }
                });
                deleted.addAll(gone);
            }
        }
    }

    private static org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device entry(
            final Work work) {
        final var builder = new DeviceBuilder()
            .setName(work.name)
            .setPlatform(work.platform)
            .setSyncStatus(work.status)
            .setAttempts(Uint32.valueOf(work.attempts))
            .setLastError(work.lastError)
            .setRenderedConfig(work.rendered)
            .setDeviceConfig(work.deviceConfig)
            .setLastChange(work.lastChange.isEmpty() ? null : work.lastChange)
            .setDriftRepairs(Uint32.valueOf(work.driftRepairs))
            .setHostKey(work.hostKey);
        if (work.lastAttempt != null) {
            builder.setLastAttempt(RouterStateMapper.time(work.lastAttempt));
        }
        if (work.lastSuccess != null) {
            builder.setLastSuccess(RouterStateMapper.time(work.lastSuccess));
        }
        if (work.nextAttempt != null && work.status != SyncStatus.InSync) {
            builder.setNextAttempt(RouterStateMapper.time(work.nextAttempt));
        }
        if (work.lastDrift != null) {
            builder.setLastDrift(RouterStateMapper.time(work.lastDrift));
        }
        if (!work.unsupported.isEmpty()) {
            builder.setUnsupportedItem(work.unsupported.stream()
                .map(i -> new UnsupportedItemBuilder().setItem(i.item()).setReason(i.reason()).build())
                .collect(Collectors.toMap(i -> i.key(), i -> i, (a, b) -> a)));
        }
        final var observed = work.observed;
        if (!observed.routers().isEmpty()) {
            builder.setRouter(Set.copyOf(observed.routers()));
        }
        if (!observed.missing().isEmpty()) {
            builder.setMissing(observed.missing().entrySet().stream()
                .map(e -> new MissingBuilder().setItem(e.getKey()).setReason(e.getValue()).build())
                .collect(Collectors.toMap(m -> m.key(), m -> m)));
        }
        if (!observed.unasked().isEmpty()) {
            builder.setUnasked(observed.unasked().entrySet().stream()
                .map(e -> new UnaskedBuilder().setItem(e.getKey()).setReason(e.getValue()).build())
                .collect(Collectors.toMap(u -> u.key(), u -> u)));
        }
        return builder.build();
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
        control.shutdownNow();
        workers.shutdownNow();
        publisher.shutdown();
        try {
            publisher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ownership.close();
        // What this component published goes with it.
        final Set<String> names;
        synchronized (this) {
            names = Set.copyOf(devices.keySet());
        }
        if (!names.isEmpty()) {
            final var tx = broker.newWriteOnlyTransaction();
            for (var name : names) {
                tx.delete(LogicalDatastoreType.OPERATIONAL, STATE.child(
                    org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device.class,
                    new DeviceKey(name)));
            }
            try {
                tx.commit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Could not remove the device status on close", e);
            }
        }
    }
}
