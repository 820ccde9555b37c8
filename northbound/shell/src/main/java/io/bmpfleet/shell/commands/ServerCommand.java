/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.shell.ServerDetail;
import io.bmpfleet.shell.ServerSummary;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.opendaylight.mdsal.binding.api.DataBroker;

/** {@code bmp:server N}: one station's settings and sessions; {@code bmp:server summary} is the summary. */
@Service
@Command(scope = "bmp", name = "server",
    description = "Shows one BMP station of the intent and its sessions, as 'show ip bgp bmp server N'")
public final class ServerCommand implements Action {
    @Argument(index = 0, name = "N", required = true, description = "the station's number, or 'summary'")
    @Completion(StationCompleter.class)
    String station;
    @Reference
    DataBroker broker;
    @Reference
    MonitoringState monitoring;
    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        final List<String> lines;
        if ("summary".equals(station)) {
            lines = ServerSummary.lines(FleetReader.read(broker, monitoring));
        } else {
            int id;
            try {
                id = Integer.parseInt(station);
            } catch (NumberFormatException e) {
                id = -1;
            }
            lines = id < 0 ? List.of("% " + station + " is no station number")
                : ServerDetail.lines(FleetReader.read(broker, monitoring), id);
        }
        FleetReader.print(session.getConsole(), lines);
        return null;
    }
}
