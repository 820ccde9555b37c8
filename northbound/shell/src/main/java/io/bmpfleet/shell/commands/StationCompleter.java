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

/** Completes a station's number from the intent, and {@code summary}. */
@Service
public final class StationCompleter implements Completer {
    @Reference
    DataBroker broker;

    @Override
    public int complete(final Session session, final CommandLine commandLine, final List<String> candidates) {
        final var ids = new TreeSet<String>();
        ids.add("summary");
        final var intent = FleetReader.intent(broker);
        if (intent != null) {
            intent.nonnullStation().keySet().forEach(key -> ids.add(key.getId().getValue().toString()));
        }
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}
