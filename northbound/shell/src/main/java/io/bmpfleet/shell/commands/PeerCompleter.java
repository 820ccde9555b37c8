/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.shell.RouterName;
import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes a peer's address among the peers of the router session named earlier on the line. */
@Service
public final class PeerCompleter implements Completer {
    @Reference
    MonitoringState monitoring;

    @Override
    public int complete(final Session session, final CommandLine commandLine, final List<String> candidates) {
        final var router = routerToken(commandLine.getArguments(), commandLine.getCursorArgumentIndex());
        final var peers = new TreeSet<String>();
        if (router != null) {
            RouterName.find(monitoring.routers(), router).forEach(r -> r.nonnullPeer().values().forEach(p -> {
                if (p.getPeerAddress() != null) {
                    peers.add(p.getPeerAddress().stringValue());
                }
            }));
        }
        return new StringsCompleter(peers).complete(session, commandLine, candidates);
    }

    /** The first argument after the command name that is no option nor an option's value. */
    static String routerToken(final String[] arguments, final int cursor) {
        for (int i = 1; i < arguments.length && i < cursor; i++) {
            if (arguments[i].startsWith("-")) {
                // every option of bmp:rib takes a value
                i++;
                continue;
            }
            return arguments[i];
        }
        return null;
    }
}
