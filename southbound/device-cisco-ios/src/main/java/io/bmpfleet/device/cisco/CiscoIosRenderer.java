/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco;

import io.bmpfleet.device.DeviceIntent;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a device's {@link DeviceIntent} in Cisco IOS's dialect: as the text {@code show running-config | section
 * bmp} prints when the device carries it ({@link #render}), and as the configuration session that creates it on a
 * device without BMP configuration ({@link #configurationSession}). Pure: contacts nothing.
 *
 * <p>What IOS cannot carry is skipped (the intent compiler lists it in the device's status): passive stations
 * (IOS cannot listen), targets' monitoring policies, mirroring and access lists, FRR's retry bounds and mirror
 * buffer limit, and the Initiation message's texts. When the intent sets both an initial refresh delay and skip,
 * skip wins (IOS holds one or the other).
 */
public final class CiscoIosRenderer {
    private CiscoIosRenderer() {
        // Static methods only.
    }

    /**
     * The intent's BMP configuration, structured as IOS holds it.
     *
     * @param intent the device's intent
     * @return the configuration
     */
    public static IosBmpConfig config(final DeviceIntent intent) {
        final var servers = new ArrayList<IosBmpConfig.Server>();
        for (var station : intent.stations()) {
            if (station.passive()) {
                continue;
            }
            servers.add(new IosBmpConfig.Server(station.id(), station.address(), station.port(),
                station.description(), station.initialDelay(), station.failureRetryDelay(), station.flappingDelay(),
                station.statsReportingPeriod(), station.updateSource(), station.dscp(), station.activate()));
        }
        final var neighbors = new ArrayList<IosBmpConfig.Neighbor>();
        for (var activation : intent.activations()) {
            if (activation.all() || !activation.stations().isEmpty()) {
                neighbors.add(new IosBmpConfig.Neighbor(activation.selector(), activation.all(),
                    activation.stations()));
            }
        }
        final var global = intent.global();
        final var refreshDelay = global.initialRefreshSkip() ? null : global.initialRefreshDelay();
        return new IosBmpConfig(servers, global.bufferSizeMb(), refreshDelay, global.initialRefreshSkip(), neighbors,
            List.of());
    }

    /**
     * The intent as {@code show running-config | section bmp} prints it when the device carries it.
     *
     * @param intent the device's intent
     * @return the text, every line ending in a newline
     */
    public static String render(final DeviceIntent intent) {
        return config(intent).text();
    }

    /**
     * The configuration session that creates the intent's BMP configuration on a device that has none, from
     * privileged EXEC mode back to it: {@code configure terminal}, {@code router bgp AS}, the servers (each from
     * {@code bmp server N} to {@code exit-bmp-server-mode}), the router-wide settings, the neighbor activations,
     * {@code end}.
     *
     * @param intent the device's intent
     * @return the commands, in order
     */
    public static List<String> configurationSession(final DeviceIntent intent) {
        final var session = new ArrayList<String>();
        session.add("configure terminal");
        session.add("router bgp " + intent.bgpAs());
        session.addAll(CiscoIosDiff.commands(config(intent), IosBmpConfig.EMPTY));
        session.add("end");
        return session;
    }
}
