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

/**
 * {@code bmp:sync DEVICE}: what the {@code sync-device} RPC does (read back, push the difference, verify), waited
 * for as long as the RPC waits.
 */
@Service
@Command(scope = "bmp", name = "sync", description = "Pushes the intent to a device now and shows the result,"
    + " as the sync-device RPC")
public final class SyncCommand implements Action {
    static final long LIMIT_SECONDS = 120;

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
            lines = PushAnswers.sync(reconciler.request(device, false).get(LIMIT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            lines = List.of("% No answer from " + device + " within " + LIMIT_SECONDS + " s");
        }
        FleetReader.print(session.getConsole(), lines);
        return null;
    }
}
