/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.shell.ServerSummary;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.opendaylight.mdsal.binding.api.DataBroker;

/** {@code bmp:server-summary}: the stations of the intent and what the collector sees of them. */
@Service
@Command(scope = "bmp", name = "server-summary",
    description = "Shows the BMP stations of the intent, as 'show ip bgp bmp server summary'")
public final class ServerSummaryCommand implements Action {
    @Reference
    DataBroker broker;
    @Reference
    MonitoringState monitoring;
    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        FleetReader.print(session.getConsole(), ServerSummary.lines(FleetReader.read(broker, monitoring)));
        return null;
    }
}
