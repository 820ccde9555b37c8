/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.shell.Fleet;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * Reads what a command shows: the intent ({@code bmpfleet-intent:bmpfleet}) and the device status
 * ({@code bmpfleet-state:bmpfleet-state/device}) in one read-only transaction, the router sessions from
 * {@link MonitoringState} (the collector's last publication round, no datastore read).
 */
final class FleetReader {
    private static final InstanceIdentifier<Bmpfleet> INTENT = InstanceIdentifier.create(Bmpfleet.class);
    private static final InstanceIdentifier<BmpfleetState> STATE = InstanceIdentifier.create(BmpfleetState.class);
    private static final long READ_SECONDS = 30;

    private FleetReader() {
        // static only
    }

    static Fleet read(final DataBroker broker, final MonitoringState monitoring)
            throws InterruptedException, ExecutionException, TimeoutException {
        // One transaction per datastore: OpenDaylight binds a transaction to the first datastore it reads.
        final Bmpfleet intent;
        final Map<String, Device> status;
        try (var config = broker.newReadOnlyTransaction(); var operational = broker.newReadOnlyTransaction()) {
            final var intentRead = config.read(LogicalDatastoreType.CONFIGURATION, INTENT);
            final var stateRead = operational.read(LogicalDatastoreType.OPERATIONAL, STATE);
            intent = intentRead.get(READ_SECONDS, TimeUnit.SECONDS).orElse(null);
            status = stateRead.get(READ_SECONDS, TimeUnit.SECONDS).map(s -> s.nonnullDevice().values().stream()
                .collect(Collectors.toMap(Device::getName, d -> d, (a, b) -> a))).orElse(Map.of());
        }
        return new Fleet(intent, status, monitoring.routers(), monitoring.summary().orElse(null), Instant.now(),
            Fleet.LOCAL_ADDRESS);
    }

    /**
     * Reads the intent alone (for tab completion).
     *
     * @param broker the data broker
     * @return the intent, or null when none was written or it cannot be read now
     */
    static Bmpfleet intent(final DataBroker broker) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, INTENT).get(READ_SECONDS, TimeUnit.SECONDS)
                .orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    static void print(final PrintStream console, final List<String> lines) {
        lines.forEach(console::println);
        console.flush();
    }
}
