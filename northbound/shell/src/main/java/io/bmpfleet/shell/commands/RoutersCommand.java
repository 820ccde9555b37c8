/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.shell.RouterList;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.opendaylight.mdsal.binding.api.DataBroker;

/** {@code bmp:routers}: see {@link RouterList}. */
@Service
@Command(scope = "bmp", name = "routers", description = "Shows the router sessions at the collector")
public final class RoutersCommand implements Action {
    @Reference
    DataBroker broker;
    @Reference
    MonitoringState monitoring;
    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        FleetReader.print(session.getConsole(), RouterList.lines(FleetReader.read(broker, monitoring)));
        return null;
    }
}
