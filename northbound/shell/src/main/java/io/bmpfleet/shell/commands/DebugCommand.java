/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.shell.Debugging;
import io.bmpfleet.shell.Debugging.Area;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code bmp:debug [event|neighbor|server|all] [on|off]}, as {@code debug ip bgp bmp}: sets bmpfleet's loggers of
 * an area to DEBUG (or back) through the {@code org.ops4j.pax.logging} configuration, as Karaf's {@code log:set}
 * does; without an area it shows what is on, as {@code show debugging}.
 */
@Service
@Command(scope = "bmp", name = "debug", description = "Turns BMP debugging of an area on or off, as 'debug ip bgp"
    + " bmp'; without arguments shows what is on")
public final class DebugCommand implements Action {
    @Argument(index = 0, name = "AREA", description = "event (intent, pushes, device status, events), neighbor"
        + " (sessions into the RIB and the state), server (the collector), or all")
    @Completion(value = StringsCompleter.class, values = { "event", "neighbor", "server", "all" })
    String area;
    @Argument(index = 1, name = "STATE", description = "on (default) or off")
    @Completion(value = StringsCompleter.class, values = { "on", "off" })
    String state;
    @Reference
    ConfigurationAdmin configAdmin;
    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        final var configuration = configAdmin.getConfiguration(Debugging.PID, null);
        final var properties = configuration.getProperties();
        final Map<String, Object> current = new HashMap<>();
        if (properties != null) {
            Collections.list(properties.keys()).forEach(key -> current.put(key, properties.get(key)));
        }
        final var on = EnumSet.noneOf(Area.class);
        on.addAll(Debugging.enabled(current));
        if (area == null) {
            FleetReader.print(session.getConsole(), Debugging.show(on));
            return null;
        }
        final List<Area> areas;
        final boolean enable;
        try {
            areas = "all".equals(area) ? List.of(Area.values()) : List.of(Area.of(area));
            if (state != null && !"on".equals(state) && !"off".equals(state)) {
                throw new IllegalArgumentException("debugging is on or off, not " + state);
            }
            enable = !"off".equals(state);
        } catch (IllegalArgumentException e) {
            FleetReader.print(session.getConsole(), List.of("% " + e.getMessage()));
            return null;
        }
        if (enable) {
            on.addAll(areas);
        } else {
            areas.forEach(on::remove);
        }
        final var updated = Debugging.configure(current, on);
        if (!updated.equals(current)) {
            configuration.update(FrameworkUtil.asDictionary(updated));
        }
        final var lines = new ArrayList<String>();
        areas.forEach(a -> lines.addAll(Debugging.lines(a, enable)));
        FleetReader.print(session.getConsole(), lines);
        return null;
    }
}
