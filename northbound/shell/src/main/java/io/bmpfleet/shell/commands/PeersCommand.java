/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.shell.PeerList;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.opendaylight.mdsal.binding.api.DataBroker;

/** {@code bmp:peers ROUTER}: see {@link PeerList}. */
@Service
@Command(scope = "bmp", name = "peers", description = "Shows the monitored peers of one router session")
public final class PeersCommand implements Action {
    @Argument(index = 0, name = "ROUTER", required = true,
        description = "the router session: ADDRESS:PORT, [IPV6]:PORT, or its sysName")
    @Completion(RouterCompleter.class)
    String router;
    @Reference
    DataBroker broker;
    @Reference
    MonitoringState monitoring;
    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        FleetReader.print(session.getConsole(), PeerList.lines(FleetReader.read(broker, monitoring), router));
        return null;
    }
}
