/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.app.credentials.PropertiesFile;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.opendaylight.aaa.api.AuthenticationException;
import org.opendaylight.aaa.api.Claim;
import org.opendaylight.aaa.api.ClaimCache;
import org.opendaylight.aaa.api.IIDMStore;
import org.opendaylight.aaa.api.PasswordCredentialAuth;
import org.opendaylight.aaa.api.model.User;

/**
 * The first start sets the admin password (from the environment, or generated and kept in a file only its owner
 * reads) once AAA has made its admin user; later starts leave it alone.
 */
public class AdminPasswordTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** AAA's store as far as the component uses it: the admin user appears after a few reads. */
    private static final class Store {
        final AtomicInteger reads = new AtomicInteger();
        final List<User> updates = new CopyOnWriteArrayList<>();
        volatile String password = "admin";
        final PasswordCredentialAuth logins = credentials -> {
            if ("admin".equals(credentials.username()) && password.equals(credentials.password())) {
                return proxy(Claim.class);
            }
            throw new AuthenticationException("wrong password");
        };
        final IIDMStore proxy = (IIDMStore) Proxy.newProxyInstance(IIDMStore.class.getClassLoader(),
            new Class<?>[] { IIDMStore.class }, (unused, method, args) -> {
                switch (method.getName()) {
                    case "readUser":
                        if (reads.incrementAndGet() < 3) {
                            return null;
                        }
                        final var admin = new User();
                        admin.setUserid((String) args[0]);
                        return admin;
                    case "updateUser":
                        updates.add((User) args[0]);
                        password = ((User) args[0]).getPassword();
                        return args[0];
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    private static <T> T proxy(final Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (p, m, a) -> null));
    }

    private static void await(final AdminPassword component) throws InterruptedException {
        for (int i = 0; i < 100 && !component.isDone(); i++) {
            Thread.sleep(50);
        }
        assertThat(component.isDone()).isTrue();
    }

    @Test
    public void aGeneratedPasswordIsSetOnceTheAdminExistsAndKeptForItsOwnerOnly() throws Exception {
        final var store = new Store();
        final var cleared = new AtomicBoolean();
        final ClaimCache claims = () -> cleared.set(true);
        final Path file = tmp.getRoot().toPath().resolve("bmpfleet-admin.properties");
        try (var component = new AdminPassword(store.proxy, store.logins, claims, file, null)) {
            await(component);
        }
        assertThat(store.reads.get()).as("waited for AAA's admin user").isGreaterThanOrEqualTo(3);
        assertThat(store.updates).singleElement().satisfies(user -> {
            assertThat(user.getUserid()).isEqualTo("admin@sdn");
            assertThat(user.getPassword()).hasSize(20).isNotEqualTo("admin");
        });
        assertThat(cleared).as("cached logins forgotten").isTrue();
        final var kept = new PropertiesFile(file, "").read();
        assertThat(kept.getProperty("password")).isEqualTo(store.updates.get(0).getPassword());
        assertThat(kept.getProperty("source")).isEqualTo("generated");
        assertThat(Files.getPosixFilePermissions(file))
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        // The next start: the password is not the default any more (it may have been changed since): left alone.
        final String first = store.password;
        store.updates.clear();
        try (var component = new AdminPassword(store.proxy, store.logins, claims, file, null)) {
            await(component);
        }
        assertThat(store.updates).isEmpty();
        assertThat(store.password).isEqualTo(first);

        // AAA's database was deleted (data/): admin/admin is back, and is replaced by the password kept before.
        final var reset = new Store();
        try (var component = new AdminPassword(reset.proxy, reset.logins, claims, file, null)) {
            await(component);
        }
        assertThat(reset.updates).singleElement().satisfies(user -> assertThat(user.getPassword()).isEqualTo(first));
    }

    @Test
    public void aPasswordFromTheEnvironmentIsSetAndNotWrittenDown() throws Exception {
        final var store = new Store();
        final Path file = tmp.getRoot().toPath().resolve("bmpfleet-admin.properties");
        try (var component = new AdminPassword(store.proxy, store.logins, () -> { }, file,
                "chosen-by-the-operator")) {
            await(component);
        }
        assertThat(store.updates).singleElement()
            .satisfies(user -> assertThat(user.getPassword()).isEqualTo("chosen-by-the-operator"));
        assertThat(Files.readString(file)).doesNotContain("chosen-by-the-operator")
            .contains("source=" + AdminPassword.ENVIRONMENT);
    }

    @Test
    public void generatedPasswordsDiffer() {
        assertThat(AdminPassword.generate()).isNotEqualTo(AdminPassword.generate()).matches("[A-Za-z2-9]{20}");
    }
}
