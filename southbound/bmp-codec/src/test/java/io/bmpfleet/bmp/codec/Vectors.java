package io.bmpfleet.bmp.codec;

import static io.bmpfleet.bmp.codec.Wire.ascii;
import static io.bmpfleet.bmp.codec.Wire.attr;
import static io.bmpfleet.bmp.codec.Wire.bgp;
import static io.bmpfleet.bmp.codec.Wire.bmp;
import static io.bmpfleet.bmp.codec.Wire.bmpVersion;
import static io.bmpfleet.bmp.codec.Wire.hex;
import static io.bmpfleet.bmp.codec.Wire.open;
import static io.bmpfleet.bmp.codec.Wire.peer;
import static io.bmpfleet.bmp.codec.Wire.tlv;
import static io.bmpfleet.bmp.codec.Wire.update;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Byte vectors of BMP messages, one per case, written field by field as in the RFC figures.
 */
public final class Vectors {
    public static final String RD_ZERO = "0000000000000000";
    /** 192.0.2.1 in the low 4 bytes of the 16-byte address field. */
    public static final String ADDR_V4 = "000000000000000000000000" + "c0000201";
    /** 2001:db8::1. */
    public static final String ADDR_V6 = "20010db8000000000000000000000001";

    /** Global instance peer 192.0.2.1, AS 65001, BGP ID 10.0.0.1, 4-octet AS. */
    public static final String PEER = peer(0, 0x00, RD_ZERO, ADDR_V4, 65001, "0a000001");
    /** The same peer with the A flag (legacy 2-octet AS_PATH). */
    public static final String PEER_2BYTE = peer(0, 0x20, RD_ZERO, ADDR_V4, 65001, "0a000001");
    /** Post-policy Adj-RIB-Out (L and O flags, RFC 8671). */
    public static final String PEER_ADJ_RIB_OUT = peer(0, 0x50, RD_ZERO, ADDR_V4, 65001, "0a000001");
    /** RD instance peer over IPv6 (V flag), RD 65001:100. */
    public static final String PEER_V6_RD = peer(1, 0x80, "0000fde900000064", ADDR_V6, 65002, "0a000002");
    /** Loc-RIB instance (RFC 9069), filtered (F flag), zero address. */
    public static final String PEER_LOC_RIB = peer(3, 0x80, RD_ZERO, "00".repeat(16), 65000, "0a0000fe");

    /** OPEN sent by the monitored router: capabilities of every kind the codec decodes, Add-Path receive. */
    public static final String OPEN_SENT = open("fde9", "00b4", "0a0000fe",
        "01 04 0001 00 01",             // multiprotocol IPv4 unicast
        "01 04 0002 00 01",             // multiprotocol IPv6 unicast
        "02 00",                        // route refresh
        "06 00",                        // extended message
        "41 04 0000fde9",               // 4-octet AS 65001
        "45 04 0001 01 01",             // Add-Path IPv4 unicast: receive
        "40 06 8078 0001 01 80",        // graceful restart: R flag, 120 s, IPv4 unicast forwarding preserved
        "49 03 616263",                 // FQDN, kept raw
        "45 04 0002 01 03");            // Add-Path IPv6 unicast: both
    /** OPEN received from the peer: Add-Path send for IPv4 unicast. */
    public static final String OPEN_RECEIVED = open("5ba0", "005a", "0a000001",
        "01 04 0001 00 01",
        "41 04 00010000",               // 4-octet AS 65536
        "45 04 0001 01 02");            // Add-Path IPv4 unicast: send

    /** An UPDATE with every attribute type, announcements and withdrawals (4-octet AS). */
    public static final String UPDATE_ALL_ATTRIBUTES = update(
        "08 0a",                                            // withdrawn 10.0.0.0/8
        hex(attr(0x40, 1, "00"),                            // ORIGIN IGP
            attr(0x40, 2, "02 02 0000fde9 0000fdea",        // AS_PATH sequence 65001 65002
                "01 02 0000fdeb 0000fdec"),                 //         set {65003, 65004}
            attr(0x40, 3, "c0000201"),                      // NEXT_HOP 192.0.2.1
            attr(0x80, 4, "00000064"),                      // MED 100
            attr(0x40, 5, "000000c8"),                      // LOCAL_PREF 200
            attr(0x40, 6),                                  // ATOMIC_AGGREGATE
            attr(0xc0, 7, "0000fde9 c0000201"),             // AGGREGATOR 65001 192.0.2.1
            attr(0xc0, 8, "fde90064 ffffff01"),             // COMMUNITIES 65001:100 NO_ADVERTISE
            attr(0x80, 9, "0a000002"),                      // ORIGINATOR_ID 10.0.0.2
            attr(0x80, 10, "0a000003 0a000004"),            // CLUSTER_LIST
            attr(0xc0, 16, "0002fde900000064"),             // EXTENDED COMMUNITIES route target 65001:100
            attr(0xc0, 32, "0000fde9 00000001 00000002"),   // LARGE_COMMUNITY 65001:1:2
            attr(0xe0, 99, "abcd")),                        // unknown, partial: kept raw
        "18 c63364  20 c0000201");                          // 198.51.100.0/24, 192.0.2.1/32

    /** A 2-octet AS session: AS_PATH with AS_TRANS, AS4_PATH, AGGREGATOR and AS4_AGGREGATOR. */
    public static final String UPDATE_2BYTE = update("",
        hex(attr(0x40, 1, "00"),
            attr(0x40, 2, "02 03 fde9 5ba0 fdea"),          // AS_PATH 65001 23456 65002
            attr(0x40, 3, "c0000201"),
            attr(0xc0, 7, "5ba0 c0000201"),                 // AGGREGATOR AS_TRANS
            attr(0xc0, 17, "02 02 00010000 0000fdea"),      // AS4_PATH 65536 65002
            attr(0xc0, 18, "00010000 c0000201")),           // AS4_AGGREGATOR 65536
        "18 c63364");

    /** MP_REACH_NLRI IPv6 unicast and MP_UNREACH_NLRI IPv6 unicast in one UPDATE. */
    public static final String UPDATE_IPV6 = update("",
        hex(attr(0x40, 1, "00"),
            attr(0x40, 2, ""),
            attr(0x80, 14, "0002 01 20 20010db8000000000000000000000001 fe800000000000000000000000000001 00",
                "20 20010db8  30 20010db80001"),            // 2001:db8::/32, 2001:db8:1::/48
            attr(0x80, 15, "0002 01", "20 20010db9")),      // withdraw 2001:db9::/32
        "");

    /** Labeled unicast IPv4 (RFC 8277), label 100. */
    public static final String UPDATE_LABELED = update("",
        hex(attr(0x40, 1, "00"), attr(0x40, 2, ""),
            attr(0x80, 14, "0001 04 04 c0000201 00", "30 000641 0a0100")),
        "");

    /** VPNv4 and VPNv6 (RFC 4364, RFC 4659). */
    public static final String UPDATE_VPN = update("",
        hex(attr(0x40, 1, "00"), attr(0x40, 2, ""),
            attr(0x80, 14, "0001 80 0c 0000000000000000 c0000201 00",
                "70 000641 0000fde900000064 0a0200"),        // label 100, RD 65001:100, 10.2.0.0/24
            attr(0x80, 15, "0002 80", "98 800000 0001c00002010007 20010db800010000")), // VPNv6 withdraw
        "");

    /** EVPN route types 1 to 5 and an unknown type. */
    public static final String UPDATE_EVPN = update("",
        hex(attr(0x40, 1, "00"), attr(0x40, 2, ""),
            attr(0x80, 14, "0019 46 04 c0000201 00",
                "01 19 0000fde900000001 00112233445566778899 00000000 000641",
                "02 25 0000fde900000001 00000000000000000000 00000064 30 0050568a0b0c 20 c0000202 000641",
                "03 11 0000fde900000001 00000064 20 c0000201",
                "04 17 0000fde900000001 00112233445566778899 20 c0000201",
                "05 22 0000fde900000001 00000000000000000000 00000000 18 c6336400 00000000 000641",
                "09 02 abcd")),
        "");

    /** An AFI/SAFI the codec does not decode (BGP-LS), carried raw. */
    public static final String UPDATE_RAW_FAMILY = update("",
        hex(attr(0x40, 1, "00"), attr(0x40, 2, ""),
            attr(0x80, 14, "4004 47 04 c0000201 00", "0001000401020304")),
        "");

    /** IPv4 unicast NLRI with Add-Path identifiers (RFC 7911). */
    public static final String UPDATE_ADD_PATH = update("00000009 08 0a",
        hex(attr(0x40, 1, "00"), attr(0x40, 2, ""), attr(0x40, 3, "c0000201")),
        "00000001 18 c63364  00000002 18 c63364");

    /** Route Monitoring messages. */
    public static final String RM_ALL_ATTRIBUTES = bmp(0, PEER, UPDATE_ALL_ATTRIBUTES);

    private Vectors() {
        // constants
    }

    /**
     * Returns a valid message of every kind, by name.
     *
     * @return name to hex
     */
    public static Map<String, String> all() {
        final Map<String, String> out = new LinkedHashMap<>();
        out.put("initiation", bmp(4, tlv(0, ascii("hello")), tlv(1, ascii("FRR 10.1")), tlv(2, ascii("r1"))));
        out.put("termination", bmp(5, tlv(0, ascii("bye")), tlv(1, "0001")));
        out.put("peer-up", bmp(3, PEER, "000000000000000000000000 c0000202", "00b3", "ca07", OPEN_SENT,
            OPEN_RECEIVED, tlv(0, ascii("peer one")), tlv(4, ascii("core"))));
        out.put("peer-up-loc-rib", bmp(3, PEER_LOC_RIB, "00".repeat(16), "0000", "0000", OPEN_SENT, OPEN_SENT,
            tlv(3, ascii("default"))));
        out.put("peer-up-v6-rd", bmp(3, PEER_V6_RD, "20010db8000000000000000000000002", "00b3", "c001",
            OPEN_RECEIVED, OPEN_SENT));
        out.put("peer-down-1", bmp(2, PEER, "01", bgp(3, "06 02 ab")));
        out.put("peer-down-2", bmp(2, PEER, "02", "0005"));
        out.put("peer-down-3", bmp(2, PEER, "03", bgp(3, "06 04")));
        out.put("peer-down-4", bmp(2, PEER, "04"));
        out.put("peer-down-5", bmp(2, PEER, "05"));
        out.put("peer-down-6", bmp(2, PEER_LOC_RIB, "06", tlv(3, ascii("default"))));
        out.put("peer-down-unknown", bmp(2, PEER, "09", "beef"));
        out.put("stats", bmp(1, PEER, "0000000b",
            "0000 0004 0000000a",                       // 0: rejected by inbound policy, 10
            "0007 0008 0000000000000064",               // 7: Adj-RIBs-In, 100
            "0009 000b 0001 01 0000000000000032",       // 9: Adj-RIB-In IPv4 unicast, 50
            "000d 0004 00000003",                       // 13: duplicate updates
            "000e 0008 0000000000000007",               // 14: pre-policy Adj-RIB-Out
            "0011 000b 0002 01 0000000000000005",       // 17: post-policy Adj-RIB-Out IPv6 unicast
            "0012 0008 0000000000000009",               // 18: pre-policy Adj-RIB-In, plain gauge
            "0013 000b 0001 80 000000000000000b",       // 19: per AFI/SAFI (VPNv4)
            "fffb 0004 00000001",                       // 65531: experimental, kept raw
            "0063 0002 abcd",                           // 99: unknown, kept raw
            "000c 0008 0000000000000001"));             // 12 with a 64-bit value: kept raw
        out.put("route-monitoring", RM_ALL_ATTRIBUTES);
        out.put("route-monitoring-2byte", bmp(0, PEER_2BYTE, UPDATE_2BYTE));
        out.put("route-monitoring-ipv6", bmp(0, PEER_V6_RD, UPDATE_IPV6));
        out.put("route-monitoring-labeled", bmp(0, PEER, UPDATE_LABELED));
        out.put("route-monitoring-vpn", bmp(0, PEER, UPDATE_VPN));
        out.put("route-monitoring-evpn", bmp(0, PEER, UPDATE_EVPN));
        out.put("route-monitoring-raw-family", bmp(0, PEER, UPDATE_RAW_FAMILY));
        out.put("route-monitoring-adj-rib-out", bmp(0, PEER_ADJ_RIB_OUT, UPDATE_ALL_ATTRIBUTES));
        out.put("route-monitoring-loc-rib", bmp(0, PEER_LOC_RIB, UPDATE_IPV6));
        out.put("route-monitoring-v4", bmpVersion(4, 0, PEER, "0007 " + String.format("%04x",
            UPDATE_ADD_PATH.length() / 2) + " 0000", UPDATE_ADD_PATH, "0001 0002 0000 abcd"));
        out.put("stats-v4", bmpVersion(4, 1, PEER, "00000001", "0000 0004 0000000a", tlv(1, "abcd")));
        out.put("peer-down-v4", bmpVersion(4, 2, PEER, "03", bgp(3, "06 04"), tlv(0, ascii("maintenance"))));
        out.put("route-mirroring", bmp(6, PEER, tlv(1, "0001"), tlv(0, bgp(4))));
        out.put("unknown-type", bmp(9, "01020304"));
        return out;
    }
}
