/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.routes;

import com.google.common.util.concurrent.ListenableFuture;
import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.rib.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.LookupRoute;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.LookupRouteInput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.LookupRouteOutput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.LookupRouteOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.RouteOrigin;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.lookup.route.output.Route;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.lookup.route.output.RouteBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.AsNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpPrefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code bmpfleet-state:lookup-route} RPC: a {@link RouteLookup} over the collector's RIB store, answered in
 * the state model's names. Input it cannot use (a bad prefix, family or route distinguisher) is refused as an
 * {@code invalid-value} protocol error that says why, which RESTCONF answers with 400.
 */
@Component(service = { })
public final class LookupRouteRpc implements AutoCloseable {
    private final RouteTables tables;
    private final Registration registration;

    @Activate
    public LookupRouteRpc(@Reference final RpcProviderService rpcProvider, @Reference final RouteTables tables) {
        this.tables = tables;
        registration = rpcProvider.registerRpcImplementation((LookupRoute) this::lookupRoute);
    }

    ListenableFuture<RpcResult<LookupRouteOutput>> lookupRoute(final LookupRouteInput input) {
        final RouteLookup lookup;
        try {
            lookup = lookup(input);
        } catch (IllegalArgumentException e) {
            return RpcResultBuilder.<LookupRouteOutput>failed()
                .withError(ErrorType.PROTOCOL, ErrorTag.INVALID_VALUE, e.getMessage())
                .buildFuture();
        }
        final var answer = lookup.run(tables);
        final Function<io.bmpfleet.rib.AttributeSet, RouteAttributes> decoder = RouteAttributes.decoder();
        final List<Route> routes = new ArrayList<>(answer.routes().size());
        for (var found : answer.routes()) {
            routes.add(route(found, decoder.apply(found.route().attributes())));
        }
        return RpcResultBuilder.success(new LookupRouteOutputBuilder()
            .setTruncated(answer.truncated())
            .setRoute(routes.isEmpty() ? null : routes)
            .build()).buildFuture();
    }

    /**
     * The lookup an RPC input asks for.
     *
     * @throws IllegalArgumentException with the reason when the input cannot be used
     */
    static RouteLookup lookup(final LookupRouteInput input) {
        final var prefix = RouteNames.prefix(input.getPrefix());
        final InetAddress router = input.getRouterAddress() == null ? null
            : RouteNames.address(input.getRouterAddress().stringValue());
        if (input.getRouterPort() != null && router == null) {
            throw new IllegalArgumentException("router-port " + input.getRouterPort().getValue()
                + " needs router-address");
        }
        final var selection = new TableSelection(router,
            input.getRouterPort() == null ? null : input.getRouterPort().getValue().toJava(),
            input.getPeerAddress() == null ? null : RouteNames.address(input.getPeerAddress().stringValue()),
            null,
            input.getRib() == null ? null : RouteNames.storeRib(input.getRib()),
            input.getAddressFamily() == null ? null : RouteNames.parseFamily(input.getAddressFamily()));
        final long rd;
        try {
            rd = RouteNames.parseDistinguisher(input.getRouteDistinguisher());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route-distinguisher: " + e.getMessage(), e);
        }
        // RESTCONF passes the input as sent: the model's defaults (exact, 1000) are applied here.
        final var match = input.getMatch() == null ? RouteLookup.Match.EXACT : switch (input.getMatch()) {
            case Exact -> RouteLookup.Match.EXACT;
            case LongestPrefix -> RouteLookup.Match.LONGEST_PREFIX;
            case MoreSpecific -> RouteLookup.Match.MORE_SPECIFIC;
            case LessSpecific -> RouteLookup.Match.LESS_SPECIFIC;
        };
        return new RouteLookup(selection, prefix, match, rd,
            input.getPathId() == null ? null : input.getPathId().intValue(),
            input.getLimit() == null ? RouteLookup.DEFAULT_LIMIT : input.getLimit().intValue());
    }

    private static Route route(final RouteLookup.Found found, final RouteAttributes attributes) {
        final var key = found.route().key();
        final var peer = found.table().peer();
        final var out = new RouteBuilder()
            .setRouterAddress(ip(found.router().address()))
            .setRouterPort(new PortNumber(Uint16.valueOf(found.router().port())))
            .setPeerType(Uint8.valueOf(peer.peerType()))
            .setPeerDistinguisher(RouteNames.distinguisher(peer.distinguisher()))
            .setPeerAddress(ip(peer.address()))
            .setPeerBgpId(new Ipv4Address(RouteNames.ipv4(peer.bgpId())))
            .setRib(RouteNames.modelRib(found.table().rib()))
            .setAddressFamily(RouteNames.family(found.table().afiSafi()))
            .setPrefix(prefix(key.prefix()))
            .setRouteDistinguisher(key.rd() == 0 ? null : RouteNames.distinguisher(key.rd()))
            .setPathId(Uint32.valueOf(Integer.toUnsignedLong(key.pathId())))
            .setOrigin(attributes.origin() == null ? null : RouteOrigin.forValue(attributes.origin()))
            .setAsPath(attributes.asPathText())
            .setOriginAs(asNumber(attributes.originAs()))
            .setNextHop(attributes.nextHop(found.table().afiSafi()))
            .setMed(uint32(attributes.med()))
            .setLocalPref(uint32(attributes.localPref()))
            .setAtomicAggregate(attributes.atomicAggregate() ? Boolean.TRUE : null)
            .setAggregatorAs(asNumber(attributes.aggregatorAs()))
            .setAggregatorAddress(attributes.aggregatorAddress() == null ? null
                : new Ipv4Address(attributes.aggregatorAddress()))
            .setOriginatorId(attributes.originatorId() == null ? null : new Ipv4Address(attributes.originatorId()));
        final var asns = attributes.asPathAsns();
        if (!asns.isEmpty()) {
            out.setAsPathAsn(asns.stream().map(as -> new AsNumber(Uint32.valueOf(as))).toList());
        }
        if (!attributes.communities().isEmpty()) {
            out.setCommunity(attributes.communities().stream().distinct().toList());
        }
        if (!attributes.largeCommunities().isEmpty()) {
            out.setLargeCommunity(attributes.largeCommunities().stream().distinct().toList());
        }
        if (!attributes.extendedCommunities().isEmpty()) {
            out.setExtendedCommunity(attributes.extendedCommunities().stream().distinct().toList());
        }
        if (!attributes.clusterList().isEmpty()) {
            out.setClusterList(attributes.clusterList().stream().distinct().map(Ipv4Address::new).toList());
        }
        return out.build();
    }

    private static IpAddress ip(final InetAddress address) {
        final var text = AddressText.format(address);
        return address.getAddress().length == 4 ? new IpAddress(new Ipv4Address(text))
            : new IpAddress(new Ipv6Address(text));
    }

    private static IpPrefix prefix(final Prefix prefix) {
        final var text = RouteNames.prefixText(prefix);
        return prefix.isIpv6() ? new IpPrefix(new Ipv6Prefix(text)) : new IpPrefix(new Ipv4Prefix(text));
    }

    private static AsNumber asNumber(final Long value) {
        return value == null ? null : new AsNumber(Uint32.valueOf(value));
    }

    private static Uint32 uint32(final Long value) {
        return value == null ? null : Uint32.valueOf(value);
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
    }
}
