/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.intent;

import io.bmpfleet.app.push.IntentCompiler;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Collector;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.collector.Listener;

/**
 * Which stations are the controller's own: the one place that decides it, for the device status (what is missing
 * of a device) and the console. A station is the controller's own when its address is one of this host's and an
 * enabled listener of the intent's collector is open on its port, bound to the wildcard or to that address; its
 * routers' sessions are those that arrive on that port.
 */
public final class OwnStations {
    /** The addresses of this host's interfaces, loopback and wildcard included. */
    public static final Predicate<InetAddress> LOCAL_ADDRESS = address -> {
        try {
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    };

    private OwnStations() {
        // static only
    }

    /**
     * The collector's listener a station's routers connect to, if the station is the controller's own.
     *
     * @param collector the intent's collector, or null
     * @param address the station's address, or null
     * @param port the station's port
     * @param local which addresses are this host's
     * @return the listener (the first by name where several match)
     */
    public static Optional<Listener> listener(final Collector collector, final InetAddress address, final int port,
            final Predicate<InetAddress> local) {
        if (collector == null || address == null || !local.test(address)) {
            return Optional.empty();
        }
        return collector.nonnullListener().values().stream()
            .filter(l -> !Boolean.FALSE.equals(l.getEnabled()))
            .filter(l -> port(l) == port)
            .filter(l -> {
                final var bound = l.getAddress() == null ? null : literal(l.getAddress().stringValue());
                return bound == null || bound.isAnyLocalAddress() || bound.equals(address);
            })
            .min(Comparator.comparing(l -> l.getName().getValue()));
    }

    /**
     * A listener's port.
     *
     * @param listener the listener
     * @return its port, the BMP default when unset
     */
    public static int port(final Listener listener) {
        return listener.getPort() == null ? IntentCompiler.DEFAULT_STATION_PORT
            : listener.getPort().getValue().intValue();
    }

    private static InetAddress literal(final String text) {
        try {
            // The model types it as an ip-address: a literal, never a name to look up.
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
