/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.promise.Promises;

/**
 * The watchdog against a framework and a Service Component Runtime that behave as in a hung boot: AAA's password
 * bootstrap is active but no PasswordHashService comes, so after the stall time it is disabled and enabled once;
 * the encryption configurator, whose service is there, is left alone; once the rescued service appears the
 * watchdog stops.
 */
public class AaaBootWatchdogTest {
    private static final String PASSWORD_SERVICE = "org.opendaylight.aaa.api.password.service.PasswordHashService";
    private static final String ENCRYPTION_SERVICE = "org.opendaylight.aaa.encrypt.AAAEncryptionService";

    private final Set<String> services = ConcurrentHashMap.newKeySet();
    private final List<String> actions = new CopyOnWriteArrayList<>();

    private static <T> T proxy(final Class<T> type, final java.lang.reflect.InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
    }

    private Bundle bundle(final String name) {
        return proxy(Bundle.class, (unused, method, args) -> switch (method.getName()) {
            case "getSymbolicName" -> name;
            case "getState" -> Bundle.ACTIVE;
            case "hashCode" -> name.hashCode();
            case "equals" -> unused == args[0];
            default -> null;
        });
    }

    @Test
    public void aStalledBootstrapIsRestartedOnceAndAHealthyOneIsLeftAlone() throws Exception {
        services.add(ENCRYPTION_SERVICE);
        final var bundles = new Bundle[] { bundle("org.opendaylight.aaa.password-service-impl"),
            bundle("org.opendaylight.aaa.encrypt-service-impl"), bundle("other") };
        final BundleContext context = proxy(BundleContext.class, (unused, method, args) -> switch (method.getName()) {
            case "getBundles" -> bundles;
            case "getServiceReference" -> services.contains(args[0]) ? proxy(ServiceReference.class,
                (u, m, a) -> null) : null;
            default -> null;
        });
        final ServiceComponentRuntime scr = proxy(ServiceComponentRuntime.class, (unused, method, args) -> {
            switch (method.getName()) {
                case "getComponentDescriptionDTO": {
                    final var dto = new ComponentDescriptionDTO();
                    dto.name = (String) args[1];
                    return dto;
                }
                case "isComponentEnabled":
                    return true;
                case "getComponentConfigurationDTOs": {
                    final var config = new ComponentConfigurationDTO();
                    config.state = ComponentConfigurationDTO.ACTIVE;
                    return List.of(config);
                }
                case "disableComponent":
                    actions.add("disable " + ((ComponentDescriptionDTO) args[0]).name);
                    return Promises.resolved(null);
                case "enableComponent":
                    actions.add("enable " + ((ComponentDescriptionDTO) args[0]).name);
                    // Restarted, it gets its notification this time.
                    services.add(PASSWORD_SERVICE);
                    return Promises.resolved(null);
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        });
        try (var watchdog = new AaaBootWatchdog(context, scr, Duration.ofMillis(50), Duration.ofMillis(400))) {
            Thread.sleep(200);
            assertThat(actions).as("not before the stall time").isEmpty();
            for (int i = 0; i < 100 && watchdog.rescues() == 0; i++) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
            assertThat(watchdog.rescues()).isEqualTo(1);
        }
        assertThat(actions).containsExactly(
            "disable org.opendaylight.aaa.impl.password.service.OSGiPasswordServiceConfigBootstrap",
            "enable org.opendaylight.aaa.impl.password.service.OSGiPasswordServiceConfigBootstrap");
    }
}
