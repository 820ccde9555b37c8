package io.bmpfleet.bmp.codec.tool;

import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.BmpTlv;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.Stat;
import io.bmpfleet.bmp.codec.bgp.AddressFamily;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.Capability;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.bmpfleet.bmp.codec.bgp.RouteDistinguisher;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders decoded BMP messages as one-line JSON objects.
 */
public final class MessageJson {
    private MessageJson() {
        // static methods only
    }

    /**
     * Renders a message.
     *
     * @param msg message
     * @param router router address or source name
     * @return one line of JSON
     */
    public static String toJson(final BmpMessage msg, final String router) {
        final JsonWriter json = new JsonWriter().beginObject();
        json.field("type", BmpMessage.typeName(msg.type())).field("router", router);
        if (msg.peer() != null) {
            peer(json, msg.peer());
        }
        if (msg instanceof BmpMessage.RouteMonitoring rm) {
            update(json, rm.update());
            if (!rm.tlvs().isEmpty()) {
                tlvs(json, "tlvs", rm.tlvs(), false);
            }
        } else if (msg instanceof BmpMessage.StatisticsReport stats) {
            json.name("stats").beginArray();
            for (Stat stat : stats.stats()) {
                json.beginObject().field("type", stat.type());
                if (stat instanceof Stat.Counter counter) {
                    json.field("value", counter.value());
                } else if (stat instanceof Stat.Gauge gauge) {
                    json.unsignedField("value", gauge.value());
                } else if (stat instanceof Stat.AfiSafiGauge gauge) {
                    json.field("afi", gauge.afi()).field("safi", gauge.safi()).unsignedField("value", gauge.value());
                } else if (stat instanceof Stat.Raw raw) {
                    json.field("raw", raw.value().toHex());
                }
                json.endObject();
            }
            json.endArray();
            if (!stats.tlvs().isEmpty()) {
                tlvs(json, "tlvs", stats.tlvs(), true);
            }
        } else if (msg instanceof BmpMessage.PeerDownNotification down) {
            json.field("reason", down.reason());
            if (down.notification() != null) {
                json.name("notification").beginObject().field("code", down.notification().code())
                    .field("subcode", down.notification().subcode())
                    .field("data", down.notification().data().toHex()).endObject();
            }
            if (down.reason() == BmpMessage.PeerDownNotification.LOCAL_NO_NOTIFICATION) {
                json.field("fsm_event", down.fsmEventCode());
            }
            if (!down.tlvs().isEmpty()) {
                tlvs(json, "tlvs", down.tlvs(), true);
            }
            if (!down.data().isEmpty()) {
                json.field("data", down.data().toHex());
            }
        } else if (msg instanceof BmpMessage.PeerUpNotification up) {
            json.field("local_address", host(up.localAddress())).field("local_port", up.localPort())
                .field("remote_port", up.remotePort());
            open(json, "sent_open", up.sentOpen());
            open(json, "received_open", up.receivedOpen());
            tlvs(json, "tlvs", up.tlvs(), true);
        } else if (msg instanceof BmpMessage.InitiationMessage init) {
            tlvs(json, "tlvs", init.tlvs(), true);
        } else if (msg instanceof BmpMessage.TerminationMessage term) {
            tlvs(json, "tlvs", term.tlvs(), true);
        } else if (msg instanceof BmpMessage.RouteMirroring mirror) {
            tlvs(json, "tlvs", mirror.tlvs(), false);
        } else if (msg instanceof BmpMessage.UnknownMessage unknown) {
            json.field("bmp_type", unknown.type()).field("raw", unknown.body().toHex());
        }
        return json.endObject().toString();
    }

    /**
     * Renders a decode error.
     *
     * @param router router address or source name
     * @param bmpType BMP type from the common header, or -1
     * @param offset byte offset in the message
     * @param reason reason
     * @return one line of JSON
     */
    public static String error(final String router, final int bmpType, final long offset, final String reason) {
        return error(router, bmpType, offset, reason, null);
    }

    /**
     * Renders a decode error with the message bytes.
     *
     * @param router router address or source name
     * @param bmpType BMP type from the common header, or -1
     * @param offset byte offset in the message
     * @param reason reason
     * @param hex the message in hex, or null
     * @return one line of JSON
     */
    public static String error(final String router, final int bmpType, final long offset, final String reason,
            final String hex) {
        final JsonWriter json = new JsonWriter().beginObject().field("type", "error").field("router", router)
            .field("bmp_type", bmpType).field("offset", offset).field("reason", reason);
        if (hex != null) {
            json.field("hex", hex);
        }
        return json.endObject().toString();
    }

    private static void peer(final JsonWriter json, final PerPeerHeader peer) {
        json.name("peer").beginObject()
            .field("peer_type", peer.peerType())
            .field("rd", RouteDistinguisher.format(peer.distinguisher()))
            .field("address", host(peer.address()))
            .field("as", peer.asNumber())
            .field("bgp_id", ipv4(peer.bgpId()))
            .name("flags").beginObject()
            .field("v", peer.ipv6()).field("l", peer.postPolicy()).field("a", peer.legacyAsPath())
            .field("o", peer.adjRibOut()).field("f", peer.filtered()).endObject()
            .field("timestamp", peer.timestampSeconds() + "." + String.format("%06d", peer.timestampMicros()))
            .endObject();
    }

    private static void update(final JsonWriter json, final BgpMessage.Update update) {
        json.name("announced").beginArray();
        for (Nlri nlri : update.announced()) {
            nlri(json, nlri);
        }
        json.endArray().name("withdrawn").beginArray();
        for (Nlri nlri : update.withdrawnAll()) {
            nlri(json, nlri);
        }
        json.endArray();
        json.name("attributes").beginObject();
        for (PathAttribute attr : update.attributes()) {
            attribute(json, attr);
        }
        if (update.attribute(PathAttribute.As4Path.class) != null) {
            segments(json, "as_path_effective", update.effectiveAsPath());
        }
        json.endObject();
    }

    private static void nlri(final JsonWriter json, final Nlri nlri) {
        json.beginObject();
        if (nlri instanceof Nlri.Prefix prefix) {
            json.field("prefix", prefix.prefixText());
        }
        json.field("afi", nlri.afi()).field("safi", nlri.safi());
        if (nlri.pathId() != Nlri.NO_PATH_ID) {
            json.field("path_id", nlri.pathId());
        }
        if (nlri instanceof Nlri.Prefix prefix) {
            if (prefix.rd() != null) {
                json.field("rd", prefix.rd().toString());
            }
            if (!prefix.labels().isEmpty()) {
                longs(json, "labels", prefix.labelValues());
            }
        } else if (nlri instanceof Nlri.EvpnRoute evpn) {
            json.field("evpn_type", evpn.routeType());
            if (evpn.rd() != null) {
                json.field("rd", evpn.rd().toString());
            }
            if (evpn.esi() != null) {
                json.field("esi", evpn.esi().toHex());
            }
            if (evpn.ethernetTag() >= 0) {
                json.field("ethernet_tag", evpn.ethernetTag());
            }
            if (evpn.mac() != null) {
                json.field("mac", evpn.mac().toHex());
            }
            if (evpn.ipAddress() != null && !evpn.ipAddress().isEmpty()) {
                json.field("ip", address(evpn.ipAddress()));
            }
            if (evpn.ipPrefixLength() >= 0) {
                json.field("ip_prefix_length", evpn.ipPrefixLength());
            }
            if (evpn.gatewayIp() != null) {
                json.field("gateway", address(evpn.gatewayIp()));
            }
            longs(json, "labels", evpn.labels().stream().map(l -> l >>> 4).toList());
            json.field("raw", evpn.value().toHex());
        } else if (nlri instanceof Nlri.RawNlri raw) {
            json.field("raw", raw.value().toHex());
        }
        json.endObject();
    }

    private static void attribute(final JsonWriter json, final PathAttribute attr) {
        if (attr instanceof PathAttribute.Origin origin) {
            json.field("origin", switch (origin.value()) {
                case 0 -> "igp";
                case 1 -> "egp";
                case 2 -> "incomplete";
                default -> Integer.toString(origin.value());
            });
        } else if (attr instanceof PathAttribute.AsPath path) {
            segments(json, "as_path", path.segments());
        } else if (attr instanceof PathAttribute.NextHop nh) {
            json.field("next_hop", address(nh.address()));
        } else if (attr instanceof PathAttribute.MultiExitDisc med) {
            json.field("med", med.value());
        } else if (attr instanceof PathAttribute.LocalPref lp) {
            json.field("local_pref", lp.value());
        } else if (attr instanceof PathAttribute.AtomicAggregate) {
            json.field("atomic_aggregate", true);
        } else if (attr instanceof PathAttribute.Aggregator agg) {
            json.name("aggregator").beginObject().field("as", agg.asNumber())
                .field("address", address(agg.address())).endObject();
        } else if (attr instanceof PathAttribute.Communities comms) {
            json.name("communities").beginArray();
            for (Long comm : comms.communities()) {
                json.value((comm >>> 16) + ":" + (comm & 0xFFFF));
            }
            json.endArray();
        } else if (attr instanceof PathAttribute.OriginatorId oid) {
            json.field("originator_id", ipv4(oid.value()));
        } else if (attr instanceof PathAttribute.ClusterList cl) {
            json.name("cluster_list").beginArray();
            cl.clusterIds().forEach(id -> json.value(ipv4(id)));
            json.endArray();
        } else if (attr instanceof PathAttribute.MpReach reach) {
            json.name("mp_reach").beginObject().field("afi", reach.afi()).field("safi", reach.safi())
                .field("family", AddressFamily.name(reach.afi(), reach.safi()))
                .field("next_hop", nextHop(reach.nextHop())).endObject();
        } else if (attr instanceof PathAttribute.MpUnreach unreach) {
            json.name("mp_unreach").beginObject().field("afi", unreach.afi()).field("safi", unreach.safi())
                .field("family", AddressFamily.name(unreach.afi(), unreach.safi())).endObject();
        } else if (attr instanceof PathAttribute.ExtendedCommunities ext) {
            json.name("extended_communities").beginArray();
            ext.communities().forEach(c -> json.value(String.format("%016x", c)));
            json.endArray();
        } else if (attr instanceof PathAttribute.As4Path path) {
            segments(json, "as4_path", path.segments());
        } else if (attr instanceof PathAttribute.As4Aggregator agg) {
            json.name("as4_aggregator").beginObject().field("as", agg.asNumber())
                .field("address", address(agg.address())).endObject();
        } else if (attr instanceof PathAttribute.LargeCommunities large) {
            json.name("large_communities").beginArray();
            large.communities().forEach(c -> json.value(c.toString()));
            json.endArray();
        } else if (attr instanceof PathAttribute.Unknown unknown) {
            json.name("attr_" + unknown.typeCode()).beginObject().field("flags", unknown.flags())
                .field("value", unknown.value().toHex()).endObject();
        }
    }

    private static void segments(final JsonWriter json, final String name,
            final List<PathAttribute.AsPathSegment> segments) {
        json.name(name).beginArray();
        for (PathAttribute.AsPathSegment seg : segments) {
            json.beginObject().field("type", switch (seg.type()) {
                case PathAttribute.SEGMENT_AS_SET -> "set";
                case PathAttribute.SEGMENT_AS_SEQUENCE -> "sequence";
                case PathAttribute.SEGMENT_CONFED_SEQUENCE -> "confed_sequence";
                case PathAttribute.SEGMENT_CONFED_SET -> "confed_set";
                default -> Integer.toString(seg.type());
            });
            longs(json, "asns", seg.asns());
            json.endObject();
        }
        json.endArray();
    }

    private static void longs(final JsonWriter json, final String name, final List<? extends Number> values) {
        json.name(name).beginArray();
        values.forEach(v -> json.value(v.longValue()));
        json.endArray();
    }

    private static void open(final JsonWriter json, final String name, final BgpMessage.Open open) {
        json.name(name).beginObject().field("version", open.version()).field("as", open.asNumber())
            .field("hold_time", open.holdTime()).field("bgp_id", ipv4(open.bgpId()));
        json.name("capabilities").beginArray();
        for (Capability cap : open.capabilities()) {
            json.beginObject().field("code", cap.code());
            if (cap instanceof Capability.Multiprotocol mp) {
                json.field("name", "multiprotocol").field("afi", mp.afi()).field("safi", mp.safi());
            } else if (cap instanceof Capability.RouteRefresh) {
                json.field("name", "route-refresh");
            } else if (cap instanceof Capability.ExtendedMessage) {
                json.field("name", "extended-message");
            } else if (cap instanceof Capability.GracefulRestart gr) {
                json.field("name", "graceful-restart").field("flags", gr.flags())
                    .field("restart_time", gr.restartTime()).name("families").beginArray();
                gr.families().forEach(f -> json.beginObject().field("afi", f.afi()).field("safi", f.safi())
                    .field("flags", f.flags()).endObject());
                json.endArray();
            } else if (cap instanceof Capability.FourOctetAs four) {
                json.field("name", "four-octet-as").field("as", four.asNumber());
            } else if (cap instanceof Capability.AddPath ap) {
                json.field("name", "add-path").name("families").beginArray();
                ap.families().forEach(f -> json.beginObject().field("afi", f.afi()).field("safi", f.safi())
                    .field("send_receive", f.sendReceive()).endObject());
                json.endArray();
            } else if (cap instanceof Capability.Unknown unknown) {
                json.field("value", unknown.value().toHex());
            }
            json.endObject();
        }
        json.endArray().endObject();
    }

    private static void tlvs(final JsonWriter json, final String name, final List<BmpTlv> tlvs,
            final boolean text) {
        json.name(name).beginArray();
        for (BmpTlv tlv : tlvs) {
            json.beginObject().field("type", tlv.type());
            if (tlv.index() != BmpTlv.NO_INDEX) {
                json.field("index", tlv.index());
            }
            if (text && isText(tlv.value())) {
                json.field("value", tlv.stringValue());
            } else {
                json.field("hex", tlv.value().toHex());
            }
            json.endObject();
        }
        json.endArray();
    }

    private static boolean isText(final Bytes value) {
        if (value.isEmpty()) {
            return false;
        }
        final String text = new String(value.toArray(), StandardCharsets.UTF_8);
        return text.chars().allMatch(ch -> ch >= 0x20 && ch != 0xFFFD || ch == '\n' || ch == '\r' || ch == '\t');
    }

    static String ipv4(final long value) {
        return AddressText.ipv4(value);
    }

    /**
     * Formats an address; IPv6 in the RFC 5952 form.
     *
     * @param addr address
     * @return text
     */
    public static String host(final InetAddress addr) {
        return AddressText.format(addr);
    }

    private static String address(final Bytes raw) {
        return AddressText.format(raw.toArray());
    }

    private static String nextHop(final Bytes raw) {
        return switch (raw.length()) {
            case 4, 16 -> address(raw);
            case 32 -> address(part(raw, 0, 16)) + "," + address(part(raw, 16, 16));
            case 12 -> address(part(raw, 8, 4));
            case 24 -> address(part(raw, 8, 16));
            case 48 -> address(part(raw, 8, 16)) + "," + address(part(raw, 32, 16));
            default -> raw.toHex();
        };
    }

    private static Bytes part(final Bytes raw, final int from, final int len) {
        final byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) raw.get(from + i);
        }
        return Bytes.of(out);
    }
}
