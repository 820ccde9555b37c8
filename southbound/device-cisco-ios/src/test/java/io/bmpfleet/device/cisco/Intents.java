/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco;

import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Activation;
import io.bmpfleet.device.DeviceIntent.Global;
import io.bmpfleet.device.DeviceIntent.Station;
import java.util.List;

/** The intents of the seed's examples, as the intent compiler would hand them to the driver. */
final class Intents {
    private Intents() {
        // Static methods only.
    }

    /**
     * The seed's {@code show running-config | section bmp} example: servers 1 and 2 (dscp 3 and 5, no
     * stats-reporting-period), {@code bmp initial-refresh delay 30}, {@code bmp-activate all} on a neighbor (the
     * seed's line has lost its {@code neighbor X}; 30.1.1.1 is the neighbor of the seed's other examples).
     */
    static DeviceIntent seedRunningConfig() {
        return intent(List.of(
            station(1, "SERVER1", "10.1.1.1", 8000, 20, 40, 120, 3, null, "ethernet 0/0"),
            station(2, "SERVER2", "20.1.1.1", 9000, 20, 40, 120, 5, null, "ethernet 2/0")),
            new Global(null, 30, false, null),
            List.of(new Activation("30.1.1.1", true, List.of(), false)));
    }

    /**
     * The seed's configuration example, as {@code examples/cisco-seed.json} writes it: dscp 5 and 7,
     * stats-reporting-period 30, buffer-size 2048, initial-refresh delay 30, neighbor 30.1.1.1 activated for
     * servers 1 and 2.
     */
    static DeviceIntent seedConfiguration() {
        return intent(List.of(
            station(1, "SERVER1", "10.1.1.1", 8000, 20, 40, 120, 5, 30, "ethernet 0/0"),
            station(2, "SERVER2", "20.1.1.1", 9000, 20, 40, 120, 7, 30, "ethernet 2/0")),
            new Global(2048L, 30, false, null),
            List.of(new Activation("30.1.1.1", false, List.of(1, 2), false)));
    }

    static DeviceIntent intent(final List<Station> stations, final Global global,
            final List<Activation> activations) {
        return new DeviceIntent("ios-edge-1", 65000, global, stations, List.of(), activations, null, null);
    }

    static Station station(final int id, final String description, final String address, final int port,
            final Integer initialDelay, final Integer failureRetryDelay, final Integer flappingDelay,
            final Integer dscp, final Integer statsReportingPeriod, final String updateSource) {
        return new Station(id, description, false, address, port, null, true, initialDelay, failureRetryDelay,
            flappingDelay, null, null, dscp, statsReportingPeriod, updateSource);
    }

    static Station withFlappingDelay(final Station station, final Integer flappingDelay) {
        return new Station(station.id(), station.description(), station.passive(), station.address(),
            station.port(), station.listenAddress(), station.activate(), station.initialDelay(),
            station.failureRetryDelay(), flappingDelay, station.minRetryMs(), station.maxRetryMs(), station.dscp(),
            station.statsReportingPeriod(), station.updateSource());
    }

    static Station withDscp(final Station station, final Integer dscp) {
        return new Station(station.id(), station.description(), station.passive(), station.address(),
            station.port(), station.listenAddress(), station.activate(), station.initialDelay(),
            station.failureRetryDelay(), station.flappingDelay(), station.minRetryMs(), station.maxRetryMs(), dscp,
            station.statsReportingPeriod(), station.updateSource());
    }
}
