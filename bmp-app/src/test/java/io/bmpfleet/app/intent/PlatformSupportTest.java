/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.NameString;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.DeviceKey;

/**
 * What each platform cannot carry is flagged per item, with the reason; what it can carry is not.
 */
class PlatformSupportTest {
    private static final String DEVICES = """
        {"bmpfleet-intent:bmpfleet": {
          "station": [
            {"id": 1, "address": "127.0.0.1", "port": 11019, "dscp": 10, "initial-delay": 5},
            {"id": 2, "connection-mode": "passive", "listen-address": "0.0.0.0", "port": 5000}
          ],
          "target": [
            {"name": "pre", "station": [1],
             "route-monitoring": [{"address-family": "ipv4-unicast", "rib": ["adj-rib-in-pre-policy"]}]},
            {"name": "locrib", "station": [1],
             "route-monitoring": [{"address-family": "ipv4-unicast", "rib": ["loc-rib"]},
                                  {"address-family": "ipv6-unicast", "rib": ["adj-rib-out-post-policy"]}],
             "route-mirroring": true, "stats-interval": 2500},
            {"name": "listen", "station": [2],
             "route-monitoring": [{"address-family": "ipv4-unicast", "rib": ["adj-rib-in-post-policy"]}]}
          ],
          "device": [
            {"name": "frr-pre", "platform": "bmpfleet-intent:frr", "bgp-as": 1,
             "management": {"address": "127.0.0.3"}, "target": ["listen"]},
            {"name": "frr-locrib", "platform": "bmpfleet-intent:frr", "bgp-as": 1,
             "management": {"address": "127.0.0.3"}, "target": ["locrib"]},
            {"name": "gobgp-locrib", "platform": "bmpfleet-intent:gobgp", "bgp-as": 1,
             "management": {"address": "127.0.0.4"}, "target": ["locrib"]},
            {"name": "ios-pre", "platform": "bmpfleet-intent:cisco-ios", "bgp-as": 1,
             "management": {"address": "192.0.2.1"}, "target": ["pre"],
             "neighbor": [{"selector": "192.0.2.7", "station": [1]}]},
            {"name": "ios-locrib", "platform": "bmpfleet-intent:cisco-ios", "bgp-as": 1,
             "management": {"address": "192.0.2.1"}, "target": ["locrib"]}
          ]
        }}""";

    private static final Bmpfleet INTENT = valid(DEVICES);

    private static Bmpfleet valid(final String json) {
        final var verdict = IntentModel.check(json);
        assertThat(verdict.errors()).isEmpty();
        return verdict.intent();
    }

    private static List<String> items(final String device) {
        return PlatformSupport.unsupported(INTENT.getDevice().get(new DeviceKey(new NameString(device))), INTENT)
            .stream().map(i -> i.item() + " -> " + i.reason()).toList();
    }

    @Test
    void frrCarriesPostPolicyAndListenersButNotLocRibOrAdjRibOut() {
        assertThat(items("frr-pre")).isEmpty();
        assertThat(items("frr-locrib")).contains(
            "target locrib/ipv4-unicast/loc-rib -> FRR 8.4 has no 'bmp monitor ... loc-rib' (FRR 10 adds it)",
            "target locrib/ipv6-unicast/adj-rib-out-post-policy -> FRR does not monitor the Adj-RIB-Out",
            "station 1/dscp -> FRR has no equivalent (it backs off with min-retry/max-retry)",
            "station 1/initial-delay -> FRR has no equivalent (it backs off with min-retry/max-retry)");
    }

    @Test
    void frrEvpnIsNotPushedBecause84WritesItBackAsAnotherFamily() {
        final var intent = valid("""
            {"bmpfleet-intent:bmpfleet": {
              "station": [{"id": 1, "address": "127.0.0.1"}],
              "target": [{"name": "evpn", "station": [1],
                          "route-monitoring": [{"address-family": "l2vpn-evpn", "rib": ["adj-rib-in-pre-policy"]},
                                               {"address-family": "ipv6-vpn", "rib": ["adj-rib-in-pre-policy"]}]}],
              "device": [{"name": "frr", "platform": "bmpfleet-intent:frr", "bgp-as": 1,
                          "management": {"address": "127.0.0.3"}, "target": ["evpn"]}]
            }}""");
        assertThat(PlatformSupport.unsupported(intent.getDevice().get(new DeviceKey(new NameString("frr"))), intent)
            .stream().map(i -> i.item() + " -> " + i.reason())).containsExactly("target evpn/l2vpn-evpn -> FRR 8.4"
                + " writes 'bmp monitor l2vpn evpn' back as 'bmp monitor ipv6 evpn', which a restarted bgpd reads as"
                + " IPv6/EVPN: not pushed");
    }

    @Test
    void gobgpFlagsPerFamilyPoliciesMirroringAndFractionalStats() {
        final var items = items("gobgp-locrib");
        assertThat(items).anyMatch(i -> i.startsWith("target locrib/ipv6-unicast -> GoBGP's route-monitoring-policy"));
        assertThat(items).anyMatch(i -> i.startsWith("target locrib/ipv6-unicast/rib -> GoBGP reports"));
        assertThat(items).contains(
            "target locrib/route-mirroring -> GoBGP's AddBmp API has no route mirroring setting",
            "target locrib/stats-interval -> GoBGP's statistics-timeout takes whole seconds from 15 to 65535,"
                + " not 2500 ms");
    }

    @Test
    void ciscoCarriesTheSeedButFlagsLocRibAndMirroring() {
        assertThat(items("ios-pre")).isEmpty();
        assertThat(items("ios-locrib")).contains(
            "target locrib/ipv4-unicast/loc-rib -> Cisco IOS 'bmp server' reports the Adj-RIB-In pre-policy only",
            "target locrib/route-mirroring -> Cisco IOS 'bmp server' has no route mirroring");
    }

    @Test
    void theSeedIsCarriedByCiscoWithoutLoss() {
        final var seed = valid(IntentModel.read(IntentModel.example("cisco-seed.json")));
        final var device = seed.getDevice().values().iterator().next();
        assertThat(PlatformSupport.unsupported(device, seed)).isEmpty();
    }
}
