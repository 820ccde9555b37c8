/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.app.push.DeviceReconciler;
import io.bmpfleet.shell.PushAnswers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code bmp:render DEVICE}: the {@code render-device} dry run; nothing is sent to the device. */
@Service
@Command(scope = "bmp", name = "render", description = "Shows the configuration the intent renders for a device and"
    + " the commands a push would send now (nothing is sent)")
public final class RenderCommand implements Action {
    @Argument(index = 0, name = "DEVICE", required = true, description = "the device's name in the intent")
    @Completion(DeviceCompleter.class)
    String device;
    @Reference
    DeviceReconciler reconciler;
    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        List<String> lines;
        try {
            lines = PushAnswers.render(device, reconciler.render(device).get(SyncCommand.LIMIT_SECONDS,
                TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            lines = List.of("% No answer from " + device + " within " + SyncCommand.LIMIT_SECONDS + " s");
        }
        FleetReader.print(session.getConsole(), lines);
        return null;
    }
}
