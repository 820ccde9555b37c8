/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.common.util.concurrent.MoreExecutors;
import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RouteKey;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.util.BindingBrokerTestFactory;
import org.opendaylight.mdsal.binding.dom.adapter.test.util.BindingTestContext;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.LookupRoute;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.LookupRouteInputBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.LookupRouteOutput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.RouteMatch;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.RouteOrigin;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.lookup.route.output.Route;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.AsNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.UnkeyedListNode;

/**
 * {@code lookup-route} registered with a real binding RPC broker, over a RIB store the test fills and reads through
 * a {@link RouteTables} view: the four matches, the table selection, the decoded attributes in the model's names,
 * Add-Path, VPN and IPv6 routes, the limit, and bad input refused as {@code invalid-value} with the reason.
 */
class LookupRouteRpcTest {
    private static final RouterId ROUTER = new RouterId(address("192.0.2.1"), 40000);
    private static final RouterId OTHER_ROUTER = new RouterId(address("192.0.2.2"), 40001);
    private static final PeerKey PEER = new PeerKey(0, 0, address("192.0.2.7"), 0xC0000207);
    private static final PeerKey PEER_2 = new PeerKey(0, 0, address("192.0.2.8"), 0xC0000208);
    private static final PeerKey VRF_PEER = new PeerKey(1, 65000L << 32 | 1, address("192.0.2.9"), 0xC0000209);

    // ORIGIN IGP; AS_PATH 65001 65001 65002 {65003,65004}; NEXT_HOP 192.0.2.7; MED 50; LOCAL_PREF 100;
    // COMMUNITIES 65001:100 NO_EXPORT; EXTENDED COMMUNITIES 0002fde900000064; LARGE_COMMUNITY 65001:1:2
    private static final byte[] FULL = HexFormat.of().parseHex("50010001" + "00"
        + "50020018" + "0203" + "0000fde9" + "0000fde9" + "0000fdea" + "0102" + "0000fdeb" + "0000fdec"
        + "50030004" + "c0000207" + "d0040004" + "00000032" + "50050004" + "00000064"
        + "d0080008" + "fde90064" + "ffffff01" + "d0100008" + "0002fde900000064"
        + "d020000c" + "0000fde9" + "00000001" + "00000002");
    // ORIGIN INCOMPLETE; AS_PATH 65010; NEXT_HOP 192.0.2.8
    private static final byte[] SHORT = HexFormat.of().parseHex("50010001" + "02"
        + "50020006" + "0201" + "0000fdf2" + "50030004" + "c0000208");
    // ORIGIN IGP; AS_PATH 65001; MP_REACH_NLRI IPv6 unicast, next hop 2001:db8::1 and fe80::1
    private static final byte[] IPV6 = HexFormat.of().parseHex("50010001" + "00"
        + "50020006" + "0201" + "0000fde9"
        + "900e0024" + "0002" + "01" + "20" + "20010db8000000000000000000000001" + "fe800000000000000000000000000001");

    private final RibStore store = new RibStore();
    private BindingTestContext broker;
    private LookupRouteRpc rpc;

    @BeforeEach
    void start() {
        final var factory = new BindingBrokerTestFactory();
        factory.setExecutor(MoreExecutors.newDirectExecutorService());
        factory.setStartWithParsedSchema(true);
        broker = factory.getTestContext();
        broker.start();

        final var pre = new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST);
        for (var prefix : List.of("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.168.0.0/16")) {
            store.announce(ROUTER, pre, RouteKey.of(Prefix.parse(prefix)), FULL);
        }
        store.announce(ROUTER, new TableKey(PEER, Rib.ADJ_RIB_IN_POST, AfiSafi.IPV4_UNICAST),
            RouteKey.of(Prefix.parse("10.1.0.0/16")), SHORT);
        final var addPath = new TableKey(PEER_2, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST);
        store.announce(ROUTER, addPath, new RouteKey(Prefix.parse("10.1.0.0/16"), 1, 0), SHORT);
        store.announce(ROUTER, addPath, new RouteKey(Prefix.parse("10.1.0.0/16"), 2, 0), FULL);
        store.announce(ROUTER, new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV6_UNICAST),
            RouteKey.of(Prefix.parse("2001:db8::/32")), IPV6);
        store.announce(ROUTER, new TableKey(VRF_PEER, Rib.ADJ_RIB_IN_PRE, AfiSafi.VPNV4),
            new RouteKey(Prefix.parse("10.1.0.0/16"), 0, 65000L << 32 | 7), SHORT);
        store.announce(OTHER_ROUTER, new TableKey(PEER, Rib.LOC_RIB, AfiSafi.IPV4_UNICAST),
            RouteKey.of(Prefix.parse("10.1.0.0/16")), SHORT);

        rpc = new LookupRouteRpc(broker.getBindingRpcProviderRegistry(), RouteTables.of(store));
    }

    @AfterEach
    void stop() throws Exception {
        rpc.close();
        broker.close();
    }

    @Test
    void exactMatchAnswersEveryTableWithTheAttributesDecoded() throws Exception {
        final var routes = lookup(input("10.1.0.0/16")).nonnullRoute();
        // Router by address, then peer address, RIB, family: the VRF peer's VPN table has no route without an RD.
        assertThat(routes).extracting(r -> r.getRouterAddress().stringValue(), r -> r.getPeerAddress().stringValue(),
            r -> r.getRib().getName(), Route::getPathId)
            .containsExactly(
                tuple("192.0.2.1", "192.0.2.7", "adj-rib-in-pre-policy", Uint32.ZERO),
                tuple("192.0.2.1", "192.0.2.7", "adj-rib-in-post-policy", Uint32.ZERO),
                tuple("192.0.2.1", "192.0.2.8", "adj-rib-in-pre-policy", Uint32.ONE),
                tuple("192.0.2.1", "192.0.2.8", "adj-rib-in-pre-policy", Uint32.TWO),
                tuple("192.0.2.2", "192.0.2.7", "loc-rib", Uint32.ZERO));
        final var route = routes.get(0);
        assertThat(route.getRouterPort()).isEqualTo(new PortNumber(Uint16.valueOf(40000)));
        assertThat(route.getPeerType().toJava()).isZero();
        assertThat(route.getPeerDistinguisher()).isEqualTo("0:0");
        assertThat(route.getPeerBgpId()).isEqualTo(new Ipv4Address("192.0.2.7"));
        assertThat(route.getAddressFamily()).isEqualTo("ipv4-unicast");
        assertThat(route.getPrefix().stringValue()).isEqualTo("10.1.0.0/16");
        assertThat(route.getRouteDistinguisher()).isNull();
        assertThat(route.getOrigin()).isEqualTo(RouteOrigin.Igp);
        assertThat(route.getAsPath()).isEqualTo("65001 65001 65002 {65003,65004}");
        assertThat(route.getAsPathAsn()).extracting(as -> as.getValue().longValue())
            .containsExactly(65001L, 65002L, 65003L, 65004L);
        assertThat(route.getOriginAs()).isEqualTo(new AsNumber(Uint32.valueOf(65002)));
        assertThat(route.getNextHop()).isEqualTo("192.0.2.7");
        assertThat(route.getMed()).isEqualTo(Uint32.valueOf(50));
        assertThat(route.getLocalPref()).isEqualTo(Uint32.valueOf(100));
        assertThat(route.getAtomicAggregate()).isNull();
        assertThat(route.getCommunity()).containsExactly("65001:100", "65535:65281");
        assertThat(route.getExtendedCommunity()).containsExactly("0002fde900000064");
        assertThat(route.getLargeCommunity()).containsExactly("65001:1:2");

        final var post = routes.get(1);
        assertThat(post.getOrigin()).isEqualTo(RouteOrigin.Incomplete);
        assertThat(post.getAsPath()).isEqualTo("65010");
        assertThat(post.getOriginAs()).isEqualTo(new AsNumber(Uint32.valueOf(65010)));
        assertThat(post.getMed()).isNull();
        assertThat(post.getLocalPref()).isNull();
        assertThat(post.getCommunity()).isNull();
        assertThat(lookup(input("10.1.0.0/16")).getTruncated()).isFalse();
    }

    @Test
    void longestPrefixMoreAndLessSpecific() throws Exception {
        final var selection = input("10.1.2.3").setRouterAddress(ip("192.0.2.1")).setPeerAddress(ip("192.0.2.7"))
            .setRib(org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib.AdjRibInPrePolicy);
        assertThat(prefixes(lookup(selection.setMatch(RouteMatch.LongestPrefix)))).containsExactly("10.1.2.0/24");
        assertThat(prefixes(lookup(selection.setPrefix("10.0.0.0/8").setMatch(RouteMatch.MoreSpecific))))
            .containsExactly("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24");
        assertThat(prefixes(lookup(selection.setPrefix("10.1.2.0/24").setMatch(RouteMatch.LessSpecific))))
            .containsExactly("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24");
        // Host bits are cleared: 10.1.2.3/16 is 10.1.0.0/16.
        assertThat(prefixes(lookup(selection.setPrefix("10.1.2.3/16").setMatch(RouteMatch.Exact))))
            .containsExactly("10.1.0.0/16");
        assertThat(lookup(selection.setPrefix("172.16.0.0/12").setMatch(RouteMatch.LongestPrefix)).getRoute())
            .isNull();

        final var limited = lookup(selection.setPrefix("10.0.0.0/8").setMatch(RouteMatch.MoreSpecific)
            .setLimit(Uint32.TWO));
        assertThat(prefixes(limited)).containsExactly("10.0.0.0/8", "10.1.0.0/16");
        assertThat(limited.getTruncated()).isTrue();
        assertThat(lookup(selection.setLimit(Uint32.valueOf(3))).getTruncated()).isFalse();
    }

    @Test
    void selectionByRouterSessionPeerRibFamilyAndPath() throws Exception {
        final var base = input("10.1.0.0/16");
        assertThat(lookup(base.setRouterAddress(ip("192.0.2.2"))).nonnullRoute()).singleElement()
            .satisfies(r -> assertThat(r.getRib().getName()).isEqualTo("loc-rib"));
        assertThat(lookup(base.setRouterAddress(ip("192.0.2.1")).setRouterPort(new PortNumber(Uint16.valueOf(1))))
            .getRoute()).isNull();
        assertThat(lookup(input("10.1.0.0/16").setPeerAddress(ip("192.0.2.8")).setPathId(Uint32.TWO))
            .nonnullRoute()).singleElement().satisfies(r -> {
                assertThat(r.getPathId()).isEqualTo(Uint32.TWO);
                assertThat(r.getAsPath()).startsWith("65001");
            });
        assertThat(lookup(input("10.1.0.0/16").setRib(
            org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib.AdjRibInPostPolicy)).nonnullRoute())
            .singleElement().satisfies(r -> assertThat(r.getAsPath()).isEqualTo("65010"));
        assertThat(lookup(input("10.1.0.0/16").setAddressFamily("ipv4-multicast")).getRoute()).isNull();
        assertThat(lookup(input("10.1.0.0/16").setAddressFamily("afi-1-safi-1")).nonnullRoute()).hasSize(5);
    }

    @Test
    void vpnAndIpv6Routes() throws Exception {
        assertThat(lookup(input("10.1.0.0/16").setRouteDistinguisher("65000:7")).nonnullRoute()).singleElement()
            .satisfies(r -> {
                assertThat(r.getAddressFamily()).isEqualTo("ipv4-vpn");
                assertThat(r.getRouteDistinguisher()).isEqualTo("65000:7");
                assertThat(r.getPeerType()).isEqualTo(Uint8.ONE);
                assertThat(r.getPeerDistinguisher()).isEqualTo("65000:1");
            });
        assertThat(lookup(input("2001:db8::1").setMatch(RouteMatch.LongestPrefix)).nonnullRoute()).singleElement()
            .satisfies(r -> {
                assertThat(r.getPrefix().stringValue()).isEqualTo("2001:db8::/32");
                assertThat(r.getAddressFamily()).isEqualTo("ipv6-unicast");
                assertThat(r.getNextHop()).isEqualTo("2001:db8::1");
                assertThat(r.getOriginAs()).isEqualTo(new AsNumber(Uint32.valueOf(65001)));
            });
        // An IPv4 prefix is never looked up in IPv6 tables, and the other way round.
        assertThat(lookup(input("::/0").setMatch(RouteMatch.MoreSpecific)).nonnullRoute()).hasSize(1);
    }

    @Test
    void badInputIsRefusedAsInvalidValueWithTheReason() throws Exception {
        assertRefused(input("10.0.0.300/8"), "not a prefix: 10.0.0.300/8");
        assertRefused(input("banana"), "not a prefix: banana");
        assertRefused(input("10.0.0.0/33"), "not a prefix: 10.0.0.0/33 (IPv4 prefix length 33)");
        assertRefused(input("10.0.0.0/x"), "the length after / must be a number");
        assertRefused(input(""), "a prefix is needed");
        assertRefused(input("10.0.0.0/8").setAddressFamily("ipv9-unicast"), "not an address family: ipv9-unicast");
        assertRefused(input("10.0.0.0/8").setRouteDistinguisher("seven"), "route-distinguisher: not a route"
            + " distinguisher");
        assertRefused(input("10.0.0.0/8").setRouterPort(new PortNumber(Uint16.valueOf(179))),
            "router-port 179 needs router-address");
    }

    @Test
    void theOutputSerializesAsTheDatastoreCodecWritesIt() throws Exception {
        final var output = lookup(input("10.1.0.0/16"));
        final ContainerNode dom = broker.getCodec().currentSerializer().toNormalizedNodeRpcData(output);
        final var list = (UnkeyedListNode) dom.body().stream().filter(UnkeyedListNode.class::isInstance)
            .findFirst().orElseThrow();
        assertThat(list.size()).isEqualTo(5);
    }

    @Test
    void closeUnregisters() {
        rpc.close();
        final var call = broker.getBindingRpcService().getRpc(LookupRoute.class).invoke(input("10.1.0.0/16")
            .build());
        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    private void assertRefused(final LookupRouteInputBuilder input, final String message) throws Exception {
        final RpcResult<LookupRouteOutput> result = broker.getBindingRpcService().getRpc(LookupRoute.class)
            .invoke(input.build()).get(5, TimeUnit.SECONDS);
        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getErrorType()).isEqualTo(ErrorType.PROTOCOL);
            assertThat(e.getTag()).isEqualTo(ErrorTag.INVALID_VALUE);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private LookupRouteOutput lookup(final LookupRouteInputBuilder input) throws Exception {
        final RpcResult<LookupRouteOutput> result = broker.getBindingRpcService().getRpc(LookupRoute.class)
            .invoke(input.build()).get(5, TimeUnit.SECONDS);
        assertThat(result.getErrors()).isEmpty();
        assertThat(result.isSuccessful()).isTrue();
        return result.getResult();
    }

    private static LookupRouteInputBuilder input(final String prefix) {
        return new LookupRouteInputBuilder().setPrefix(prefix);
    }

    private static List<String> prefixes(final LookupRouteOutput output) {
        return output.nonnullRoute().stream().map(r -> r.getPrefix().stringValue()).toList();
    }

    private static IpAddress ip(final String text) {
        return new IpAddress(new Ipv4Address(text));
    }


    private static InetAddress address(final String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
