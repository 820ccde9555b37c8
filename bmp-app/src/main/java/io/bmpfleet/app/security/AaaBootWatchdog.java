/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.security;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rescues the boots that OpenDaylight AAA 0.19.5 leaves hanging. Its password service bootstrap
 * ({@code OSGiPasswordServiceConfigBootstrap}) registers a datastore listener and keeps the registration in a field
 * that its callback checks: when the datastore's first notification arrives before the field is set, the callback
 * drops it, no {@code PasswordHashService} is ever made, and neither is anything that needs it (AAA's user store,
 * its authentication, RESTCONF's security): the controller never answers (AAA-281, fixed upstream in 0.19.6, which
 * Maven Central does not serve). AAA's encryption service configurator has the same pattern.
 *
 * <p>The watchdog looks at each such component every {@value #CHECK_SECONDS} s: once it has been active for
 * {@value #STALL_SECONDS} s without the service it should lead to, it disables and enables it through the Service
 * Component Runtime, which registers its listener again and so gets a fresh first notification. Each rescue is
 * logged; the watchdog stops when every service is there, or after {@value #GIVE_UP_MINUTES} minutes.
 */
@Component(service = { }, immediate = true)
public final class AaaBootWatchdog implements AutoCloseable {
    /**
     * A component that must lead to a service.
     *
     * @param bundle the component's bundle (symbolic name)
     * @param component the component's name
     * @param service the service it leads to
     */
    record Watched(String bundle, String component, String service) {
    }

    static final List<Watched> WATCHED = List.of(
        new Watched("org.opendaylight.aaa.password-service-impl",
            "org.opendaylight.aaa.impl.password.service.OSGiPasswordServiceConfigBootstrap",
            "org.opendaylight.aaa.api.password.service.PasswordHashService"),
        new Watched("org.opendaylight.aaa.encrypt-service-impl",
            "org.opendaylight.aaa.encrypt.impl.OSGiEncryptionServiceConfigurator",
            "org.opendaylight.aaa.encrypt.AAAEncryptionService"));

    static final int CHECK_SECONDS = 2;
    static final int STALL_SECONDS = 15;
    static final int GIVE_UP_MINUTES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(AaaBootWatchdog.class);

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("bmpfleet-aaa-watchdog-%d").setDaemon(true).build());
    // When each watched component was first seen active without its service (guarded by the timer's thread).
    private final Map<Watched, Long> stalledSince = new HashMap<>();
    private final AtomicInteger rescues = new AtomicInteger();
    private final Duration stall;
    private final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(GIVE_UP_MINUTES);

    @Activate
    public AaaBootWatchdog(final BundleContext context, @Reference final ServiceComponentRuntime scr) {
        this(context, scr, Duration.ofSeconds(CHECK_SECONDS), Duration.ofSeconds(STALL_SECONDS));
    }

    AaaBootWatchdog(final BundleContext context, final ServiceComponentRuntime scr, final Duration check,
            final Duration stall) {
        this.context = context;
        this.scr = scr;
        this.stall = stall;
        timer.scheduleWithFixedDelay(this::check, check.toMillis(), check.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * How many components the watchdog restarted.
     *
     * @return the count
     */
    public int rescues() {
        return rescues.get();
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void check() {
        try {
            boolean allThere = true;
            for (var watched : WATCHED) {
                allThere &= check(watched);
            }
            if (allThere || System.nanoTime() - deadline > 0) {
                LOG.debug("AAA watchdog done ({} rescues)", rescues.get());
                timer.shutdown();
            }
        } catch (RuntimeException e) {
            LOG.warn("AAA watchdog: check failed; trying again", e);
        }
    }

    /** Whether the component's service is there (after rescuing it if it stalled). */
    private boolean check(final Watched watched) {
        if (context.getServiceReference(watched.service()) != null) {
            stalledSince.remove(watched);
            return true;
        }
        final var description = description(watched);
        if (description == null || !scr.isComponentEnabled(description) || !active(description)) {
            // Not installed, not started yet, or waiting for its own dependencies: nothing to rescue.
            stalledSince.remove(watched);
            return false;
        }
        final long now = System.nanoTime();
        final long since = stalledSince.computeIfAbsent(watched, unused -> now);
        if (now - since < stall.toNanos()) {
            return false;
        }
        LOG.warn("AAA's {} has been active for {} s without making {}: it lost its datastore notification (AAA-281,"
            + " a known race of AAA 0.19.5); restarting it", watched.component(), stall.toSeconds(),
            watched.service());
        try {
            scr.disableComponent(description).getValue();
        } catch (java.lang.reflect.InvocationTargetException e) {
            LOG.warn("AAA watchdog: could not disable {}", watched.component(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        scr.enableComponent(description);
        rescues.incrementAndGet();
        stalledSince.remove(watched);
        return false;
    }

    private ComponentDescriptionDTO description(final Watched watched) {
        final Bundle bundle = Arrays.stream(context.getBundles())
            .filter(b -> watched.bundle().equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE)
            .findFirst().orElse(null);
        return bundle == null ? null : scr.getComponentDescriptionDTO(bundle, watched.component());
    }

    private boolean active(final ComponentDescriptionDTO description) {
        return scr.getComponentConfigurationDTOs(description).stream()
            .anyMatch(config -> config.state == ComponentConfigurationDTO.ACTIVE);
    }

    @Deactivate
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
