/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.bmp.codec.bgp.RouteDistinguisher;
import io.bmpfleet.shell.Families;
import io.bmpfleet.shell.RouteList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.opendaylight.mdsal.binding.api.DataBroker;

/** {@code bmp:rib ROUTER PEER [PREFIX]}: see {@link RouteList}. */
@Service
@Command(scope = "bmp", name = "rib",
    description = "Shows the routes one peer of a router session reports, or the longest match for a prefix")
public final class RibCommand implements Action {
    @Argument(index = 0, name = "ROUTER", required = true,
        description = "the router session: ADDRESS:PORT, [IPV6]:PORT, or its sysName")
    @Completion(RouterCompleter.class)
    String router;
    @Argument(index = 1, name = "PEER", required = true, description = "the peer's address (see bmp:peers)")
    @Completion(PeerCompleter.class)
    String peer;
    @Argument(index = 2, name = "PREFIX", description = "a prefix or address: its longest match")
    String prefix;
    @Option(name = "--rib", description = "pre, post, loc, out-pre or out-post (default: loc for a Loc-RIB"
        + " instance peer, else pre)")
    @Completion(value = StringsCompleter.class, values = { "pre", "post", "loc", "out-pre", "out-post" })
    String rib;
    @Option(name = "--family", description = "ipv4-unicast, ipv6-unicast, ... (default: all of the peer's; with a"
        + " PREFIX its unicast)")
    @Completion(value = StringsCompleter.class, values = { "ipv4-unicast", "ipv6-unicast", "ipv4-multicast",
        "ipv6-multicast", "ipv4-labeled-unicast", "ipv6-labeled-unicast", "ipv4-vpn", "ipv6-vpn" })
    String family;
    @Option(name = "--limit", description = "the most routes listed per table (default 100)")
    int limit = RouteList.DEFAULT_LIMIT;
    @Option(name = "--peer-rd", description = "the peer distinguisher, where peers share an address")
    String peerRd;
    @Option(name = "--rd", description = "the route distinguisher of a lookup in a VPN family")
    String rd;
    @Reference
    DataBroker broker;
    @Reference
    MonitoringState monitoring;
    @Reference
    RouteTables tables;
    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        final RouteList.Query query;
        try {
            query = new RouteList.Query(router, peer, peerRd, rib == null ? null : Families.rib(rib),
                family == null ? null : Families.family(family), prefix, rd == null ? 0 : RouteDistinguisher.parse(rd),
                Math.max(limit, 0));
        } catch (IllegalArgumentException e) {
            FleetReader.print(session.getConsole(), List.of("% " + e.getMessage()));
            return null;
        }
        FleetReader.print(session.getConsole(), RouteList.lines(FleetReader.read(broker, monitoring), tables,
            query));
        return null;
    }
}
