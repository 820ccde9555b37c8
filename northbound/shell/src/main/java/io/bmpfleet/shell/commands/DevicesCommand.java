/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.shell.DeviceList;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.opendaylight.mdsal.binding.api.DataBroker;

/** {@code bmp:devices}: see {@link DeviceList}. */
@Service
@Command(scope = "bmp", name = "devices", description = "Shows the devices of the intent and their sync status")
public final class DevicesCommand implements Action {
    @Reference
    DataBroker broker;
    @Reference
    MonitoringState monitoring;
    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        FleetReader.print(session.getConsole(), DeviceList.lines(FleetReader.read(broker, monitoring)));
        return null;
    }
}
