/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.opendaylight.mdsal.binding.api.DataBroker;

/** Completes a device's name from the intent. */
@Service
public final class DeviceCompleter implements Completer {
    @Reference
    DataBroker broker;

    @Override
    public int complete(final Session session, final CommandLine commandLine, final List<String> candidates) {
        final var names = new TreeSet<String>();
        final var intent = FleetReader.intent(broker);
        if (intent != null) {
            intent.nonnullDevice().keySet().forEach(key -> names.add(key.getName().getValue()));
        }
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
