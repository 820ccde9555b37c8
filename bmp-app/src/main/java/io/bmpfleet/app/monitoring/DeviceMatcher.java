/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.monitoring;

import java.util.ArrayList;
import java.util.List;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.RouterBuilder;

/**
 * Which device of the intent a BMP session at the collector comes from: the one place that decides it. In order:
 * the Initiation sysName is the name the controller asked the device to send (initiation/sys-name) or the device's
 * own name; the session's source address is the device's management address; a Peer Up's local BGP identifier (the
 * OPEN the router sent) is the device's management address. The first rule that matches one device wins.
 */
final class DeviceMatcher {
    /** What of a device a session can be matched by. */
    record Candidate(String name, String sysName, String management) {
    }

    private final List<Candidate> candidates;

    private DeviceMatcher(final List<Candidate> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    static final DeviceMatcher NONE = new DeviceMatcher(List.of());

    static DeviceMatcher of(final Bmpfleet intent) {
        if (intent == null) {
            return NONE;
        }
        final var out = new ArrayList<Candidate>();
        for (var device : intent.nonnullDevice().values()) {
            final var management = device.getManagement();
            out.add(new Candidate(device.getName().getValue(),
                device.getInitiation() == null ? null : device.getInitiation().getSysName(),
                management == null || management.getAddress() == null ? null
                    : management.getAddress().stringValue()));
        }
        return new DeviceMatcher(out);
    }

    /**
     * The router entry with its device and how it was matched, or as it was when no device matches.
     *
     * @param router a router entry as the mapper built it
     * @return the entry with {@code device} and {@code device-match} set where a device matches
     */
    Router match(final Router router) {
        if (candidates.isEmpty()) {
            return router;
        }
        final var sysName = router.getSysName();
        if (sysName != null) {
            for (var candidate : candidates) {
                if (sysName.equals(candidate.sysName()) || sysName.equals(candidate.name())) {
                    return with(router, candidate, "sysName " + sysName);
                }
            }
        }
        final var source = router.getAddress() == null ? null : router.getAddress().stringValue();
        for (var candidate : candidates) {
            if (source != null && source.equals(candidate.management())) {
                return with(router, candidate, "source address " + source);
            }
        }
        for (var peer : router.nonnullPeer().values()) {
            final var up = peer.getPeerUp();
            if (up == null || up.getSentOpen() == null || up.getSentOpen().getBgpId() == null) {
                continue;
            }
            final var id = up.getSentOpen().getBgpId().getValue();
            for (var candidate : candidates) {
                if (id.equals(candidate.management())) {
                    return with(router, candidate, "BGP identifier " + id);
                }
            }
        }
        return router;
    }

    private static Router with(final Router router, final Candidate candidate, final String how) {
        return new RouterBuilder(router).setDevice(candidate.name()).setDeviceMatch(how).build();
    }
}
