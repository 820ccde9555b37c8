package io.bmpfleet.bmp.codec.bgp;

import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.Bytes;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of reachability information: an IP prefix (unicast, multicast, labeled, VPN), an EVPN route, or the
 * undecoded NLRI of another address family.
 */
public sealed interface Nlri permits Nlri.Prefix, Nlri.EvpnRoute, Nlri.RawNlri {
    /** Path identifier value meaning "no Add-Path identifier on the wire". */
    long NO_PATH_ID = -1;

    int afi();

    int safi();

    /**
     * Returns the Add-Path path identifier (RFC 7911), or {@link #NO_PATH_ID}.
     *
     * @return path identifier, 0 to 2^32-1, or -1
     */
    long pathId();

    /**
     * An IP prefix of SAFI 1, 2, 4 (RFC 8277) or 128 (RFC 4364, RFC 4659).
     *
     * @param afi 1 or 2
     * @param safi 1, 2, 4 or 128
     * @param pathId Add-Path identifier or {@link #NO_PATH_ID}
     * @param rd route distinguisher for SAFI 128, else null
     * @param labels label stack entries as 24-bit wire values (label, TC, bottom of stack), for SAFI 4 and 128
     * @param length prefix length in bits
     * @param address the address bytes, 4 or 16, zero-padded past the prefix
     */
    record Prefix(int afi, int safi, long pathId, RouteDistinguisher rd, List<Integer> labels, int length,
            Bytes address) implements Nlri {
        public Prefix {
            labels = List.copyOf(labels);
            final int bits = AddressFamily.addressBits(afi);
            if (bits == 0 || address.length() * 8 != bits || length < 0 || length > bits) {
                throw new IllegalArgumentException("bad prefix " + address + "/" + length + " for AFI " + afi);
            }
        }

        /**
         * Parses {@code a.b.c.d/len} or {@code x::/len} into a unicast prefix without path identifier.
         *
         * @param text prefix in text form
         * @return a prefix
         */
        public static Prefix parse(final String text) {
            return parse(text, NO_PATH_ID);
        }

        /**
         * Parses {@code a.b.c.d/len} or {@code x::/len} into a unicast prefix.
         *
         * @param text prefix in text form
         * @param pathId Add-Path identifier or {@link #NO_PATH_ID}
         * @return a prefix
         */
        public static Prefix parse(final String text, final long pathId) {
            final int slash = text.indexOf('/');
            final String addr = text.substring(0, slash);
            if (!addr.matches("[0-9a-fA-F.:]+")) {
                throw new IllegalArgumentException("not an address literal: " + addr);
            }
            final byte[] raw;
            try {
                raw = InetAddress.getByName(addr).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bad address " + addr, e);
            }
            final int afi = raw.length == 4 ? AddressFamily.AFI_IPV4 : AddressFamily.AFI_IPV6;
            return new Prefix(afi, AddressFamily.SAFI_UNICAST, pathId, null, List.of(),
                Integer.parseInt(text.substring(slash + 1)), Bytes.of(raw));
        }

        /**
         * Returns the prefix in text form, such as {@code 10.0.0.0/8}.
         *
         * @return address/length
         */
        public String prefixText() {
            return AddressText.format(address.toArray()) + "/" + length;
        }

        /**
         * Returns the MPLS label values (the top 20 bits of each label stack entry).
         *
         * @return label values
         */
        public List<Integer> labelValues() {
            final List<Integer> out = new ArrayList<>(labels.size());
            for (Integer entry : labels) {
                out.add(entry >>> 4);
            }
            return out;
        }

        @Override
        public String toString() {
            final StringBuilder sb = new StringBuilder();
            if (pathId != NO_PATH_ID) {
                sb.append("path ").append(pathId).append(' ');
            }
            if (rd != null) {
                sb.append("rd ").append(rd).append(' ');
            }
            sb.append(prefixText());
            if (!labels.isEmpty()) {
                sb.append(" labels ").append(labelValues());
            }
            return sb.toString();
        }
    }

    /**
     * An EVPN route (RFC 7432 section 7, RFC 9136 for type 5). The value is validated at decode time; the accessors
     * read fields out of it.
     *
     * @param pathId Add-Path identifier or {@link #NO_PATH_ID}
     * @param routeType EVPN route type
     * @param value the route bytes after the type and length octets
     */
    record EvpnRoute(long pathId, int routeType, Bytes value) implements Nlri {
        @Override
        public int afi() {
            return AddressFamily.AFI_L2VPN;
        }

        @Override
        public int safi() {
            return AddressFamily.SAFI_EVPN;
        }

        /**
         * Returns the route distinguisher of route types 1 to 5, else null.
         *
         * @return the RD or null
         */
        public RouteDistinguisher rd() {
            if (routeType < 1 || routeType > 5 || value.length() < 8) {
                return null;
            }
            return new RouteDistinguisher(longAt(0, 8));
        }

        /**
         * Returns the Ethernet Segment Identifier of route types 1, 2, 4 and 5, else null.
         *
         * @return 10 bytes or null
         */
        public Bytes esi() {
            return routeType == 3 || routeType < 1 || routeType > 5 ? null : slice(8, 10);
        }

        /**
         * Returns the Ethernet Tag ID of route types 1, 2, 3 and 5, else -1.
         *
         * @return the tag or -1
         */
        public long ethernetTag() {
            return switch (routeType) {
                case 1, 2, 5 -> longAt(18, 4);
                case 3 -> longAt(8, 4);
                default -> -1;
            };
        }

        /**
         * Returns the MAC address of route type 2, else null.
         *
         * @return 6 bytes or null
         */
        public Bytes mac() {
            return routeType == 2 ? slice(23, 6) : null;
        }

        /**
         * Returns the IP address of route type 2 (may be empty), the originating router's IP of types 3 and 4, and
         * the IP prefix of type 5; else null.
         *
         * @return 0, 4 or 16 bytes, or null
         */
        public Bytes ipAddress() {
            return switch (routeType) {
                case 2 -> slice(30, value.get(29) / 8);
                case 3 -> slice(13, value.get(12) / 8);
                case 4 -> slice(19, value.get(18) / 8);
                case 5 -> slice(23, ipv6Type5() ? 16 : 4);
                default -> null;
            };
        }

        /**
         * Returns the IP prefix length of route type 5, else -1.
         *
         * @return prefix length or -1
         */
        public int ipPrefixLength() {
            return routeType == 5 ? value.get(22) : -1;
        }

        /**
         * Returns the gateway IP of route type 5, else null.
         *
         * @return 4 or 16 bytes, or null
         */
        public Bytes gatewayIp() {
            return routeType == 5 ? slice(ipv6Type5() ? 39 : 27, ipv6Type5() ? 16 : 4) : null;
        }

        /**
         * Returns the MPLS label fields (24-bit wire values) of route types 1, 2 and 5.
         *
         * @return labels, possibly empty
         */
        public List<Integer> labels() {
            final List<Integer> out = new ArrayList<>(2);
            switch (routeType) {
                case 1 -> out.add((int) longAt(22, 3));
                case 2 -> {
                    int pos = 30 + value.get(29) / 8;
                    while (pos + 3 <= value.length()) {
                        out.add((int) longAt(pos, 3));
                        pos += 3;
                    }
                }
                case 5 -> out.add((int) longAt(value.length() - 3, 3));
                default -> {
                    // no labels
                }
            }
            return out;
        }

        private boolean ipv6Type5() {
            return value.length() == 58;
        }

        private Bytes slice(final int from, final int len) {
            final byte[] out = new byte[len];
            for (int i = 0; i < len; i++) {
                out[i] = (byte) value.get(from + i);
            }
            return Bytes.of(out);
        }

        private long longAt(final int from, final int len) {
            long result = 0;
            for (int i = 0; i < len; i++) {
                result = result << 8 | value.get(from + i);
            }
            return result;
        }

        /**
         * Checks an EVPN route value for the layout of its type.
         *
         * @param routeType route type
         * @param buf buffer holding the value
         * @param index absolute index of the value
         * @param length value length
         * @return null when valid, else the reason
         */
        static String validate(final int routeType, final ByteBuf buf, final int index, final int length) {
            return switch (routeType) {
                case 1 -> length == 25 ? null : "EVPN Ethernet A-D route length " + length;
                case 2 -> {
                    if (length < 33) {
                        yield "EVPN MAC/IP route too short";
                    }
                    if (buf.getUnsignedByte(index + 22) != 48) {
                        yield "EVPN MAC length not 48";
                    }
                    final int ipLen = buf.getUnsignedByte(index + 29);
                    if (ipLen != 0 && ipLen != 32 && ipLen != 128) {
                        yield "EVPN IP length " + ipLen;
                    }
                    final int rest = length - 30 - ipLen / 8;
                    yield rest == 3 || rest == 6 ? null : "EVPN MAC/IP route length " + length;
                }
                case 3 -> {
                    if (length < 13) {
                        yield "EVPN inclusive multicast route too short";
                    }
                    final int ipLen = buf.getUnsignedByte(index + 12);
                    yield (ipLen == 32 || ipLen == 128) && length == 13 + ipLen / 8 ? null
                        : "EVPN inclusive multicast route length " + length;
                }
                case 4 -> {
                    if (length < 19) {
                        yield "EVPN Ethernet segment route too short";
                    }
                    final int ipLen = buf.getUnsignedByte(index + 18);
                    yield (ipLen == 32 || ipLen == 128) && length == 19 + ipLen / 8 ? null
                        : "EVPN Ethernet segment route length " + length;
                }
                case 5 -> {
                    if (length != 34 && length != 58) {
                        yield "EVPN IP prefix route length " + length;
                    }
                    final int maxLen = length == 34 ? 32 : 128;
                    yield buf.getUnsignedByte(index + 22) > maxLen ? "EVPN IP prefix length too long" : null;
                }
                default -> null;
            };
        }
    }

    /**
     * The whole NLRI field of an address family the codec does not decode.
     *
     * @param afi address family
     * @param safi subsequent address family
     * @param value the NLRI bytes
     */
    record RawNlri(int afi, int safi, Bytes value) implements Nlri {
        @Override
        public long pathId() {
            return NO_PATH_ID;
        }
    }
}
