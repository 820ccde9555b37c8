/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.shell.NeighborList;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.opendaylight.mdsal.binding.api.DataBroker;

/** {@code bmp:neighbors}: see {@link NeighborList}. */
@Service
@Command(scope = "bmp", name = "neighbors", description = "Shows the BMP neighbors the intent activates per device"
    + " and whether a session reports them, as 'show ip bgp bmp neighbors'")
public final class NeighborsCommand implements Action {
    @Reference
    DataBroker broker;
    @Reference
    MonitoringState monitoring;
    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        FleetReader.print(session.getConsole(), NeighborList.lines(FleetReader.read(broker, monitoring)));
        return null;
    }
}
