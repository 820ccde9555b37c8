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

/** Completes a router session: {@code ADDRESS:PORT} of every session, and their sysNames. */
@Service
public final class RouterCompleter implements Completer {
    @Reference
    MonitoringState monitoring;

    @Override
    public int complete(final Session session, final CommandLine commandLine, final List<String> candidates) {
        final var names = new TreeSet<String>();
        for (var router : monitoring.routers()) {
            names.add(RouterName.of(router));
            if (router.getSysName() != null && !router.getSysName().isBlank()
                    && router.getSysName().chars().noneMatch(Character::isWhitespace)) {
                names.add(router.getSysName());
            }
        }
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
