/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.security;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.bmpfleet.app.credentials.PropertiesFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opendaylight.aaa.api.ClaimCache;
import org.opendaylight.aaa.api.IDMStoreException;
import org.opendaylight.aaa.api.IIDMStore;
import org.opendaylight.aaa.api.PasswordCredentialAuth;
import org.opendaylight.aaa.api.model.User;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does not leave OpenDaylight AAA's {@code admin/admin} in place: whenever the controller starts with the admin
 * user's password still {@code admin} (its first start, or after AAA's user database in {@code data/} was deleted),
 * it sets the password (used by RESTCONF and gRPC) from the environment variable {@value #ENVIRONMENT} when set,
 * else to the one it generated before (kept in {@code etc/bmpfleet-admin.properties}, mode 0600), else to a new
 * generated one, kept there for the operator to read. A password changed afterwards (AAA's {@code /auth/v1/users}
 * API) is left alone.
 *
 * <p>AAA makes its admin user itself, when its store is first opened, possibly after this component starts: the
 * password is checked as soon as the user exists.
 */
@Component(service = { }, immediate = true)
public final class AdminPassword implements AutoCloseable {
    /** The environment variable with the password to set at first start. */
    public static final String ENVIRONMENT = "BMPFLEET_ADMIN_PASSWORD";
    static final String ADMIN = "admin@sdn";
    private static final Logger LOG = LoggerFactory.getLogger(AdminPassword.class);
    private static final Duration RETRY = Duration.ofMillis(500);
    private static final Duration GIVE_UP = Duration.ofMinutes(10);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final IIDMStore store;
    private final PasswordCredentialAuth logins;
    private final ClaimCache claims;
    private final PropertiesFile file;
    private final String fromEnvironment;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("bmpfleet-admin-password-%d").setDaemon(true).build());
    private final long deadline;
    private volatile boolean done;

    @Activate
    public AdminPassword(@Reference final IIDMStore store, @Reference final PasswordCredentialAuth logins,
            @Reference final ClaimCache claims) {
        this(store, logins, claims, PropertiesFile.inKarafEtc("bmpfleet.admin.file", "bmpfleet-admin.properties"),
            System.getenv(ENVIRONMENT));
    }

    /**
     * Sets the password at first start.
     *
     * @param store AAA's user store
     * @param logins AAA's check of a login (is the password still the default?)
     * @param claims AAA's cache of authenticated logins (cleared once the password changed)
     * @param file where a generated password is kept
     * @param fromEnvironment the password to set, or null to generate one
     */
    public AdminPassword(final IIDMStore store, final PasswordCredentialAuth logins, final ClaimCache claims,
            final Path file, final String fromEnvironment) {
        this.store = store;
        this.logins = logins;
        this.claims = claims;
        this.file = new PropertiesFile(file, "bmpfleet: the AAA admin user's password as set at first start");
        this.fromEnvironment = fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
        deadline = System.nanoTime() + GIVE_UP.toNanos();
        worker.execute(this::attempt);
    }

    /**
     * Whether the admin password is known not to be the default (set now, or at an earlier start).
     *
     * @return true once it is
     */
    public boolean isDone() {
        return done;
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void attempt() {
        try {
            final var admin = store.readUser(ADMIN);
            if (admin != null) {
                if (AaaLogins.valid(logins, "admin", "admin")) {
                    set();
                } else {
                    done = true;
                }
                return;
            }
        } catch (IDMStoreException | RuntimeException e) {
            LOG.debug("AAA's user store is not ready yet", e);
        }
        if (System.nanoTime() - deadline > 0) {
            LOG.error("AAA's admin user did not appear within {}: its password is still the default. Set it with"
                + " AAA's /auth/v1/users/{} API", GIVE_UP, ADMIN);
            return;
        }
        worker.schedule(this::attempt, RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void set() throws IDMStoreException {
        final var before = file.read();
        final String kept = "generated".equals(before.getProperty("source")) ? before.getProperty("password") : null;
        final String password = fromEnvironment != null ? fromEnvironment : kept != null ? kept : generate();
        final var change = new User();
        change.setUserid(ADMIN);
        change.setPassword(password);
        store.updateUser(change);
        // A login with the old password may be cached: forget every cached login.
        claims.clear();
        final var props = new Properties();
        props.setProperty("user", "admin");
        if (fromEnvironment != null) {
            props.setProperty("source", ENVIRONMENT);
        } else {
            props.setProperty("password", password);
            props.setProperty("source", "generated");
        }
        file.write(props);
        done = true;
        LOG.info("The admin user's password for RESTCONF and gRPC was set at first start ({}); {}",
            fromEnvironment != null ? "from " + ENVIRONMENT : kept != null ? "generated, as before" : "generated",
            fromEnvironment != null ? "recorded in " + file.path()
                : "it is in " + file.path() + ", readable by the controller's user only");
    }

    static String generate() {
        final var random = new SecureRandom();
        final var out = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    @Deactivate
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
